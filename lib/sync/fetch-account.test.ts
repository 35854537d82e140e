import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, syncRuns } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { fetchTransactionsForAccount, submitSecurityCode } from "./fetch-account";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("Fetch Transactions on a bank account", () => {
  it("resumes the waiting run with the code, and only for the account's company", async () => {
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank MFA");
    const [account] = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId));
    const stranger = await createCompanyWithUser(db);
    const strangerActor = { companyId: stranger.company.id, userId: stranger.user.id };
    expect((await fetchTransactionsForAccount(world.deps, strangerActor, { bankAccountId: account!.id })).message).toBe("This bank account does not exist.");
    expect((await submitSecurityCode(world.deps, strangerActor, { bankAccountId: account!.id, code: "123456" })).message).toBe("This bank account does not exist.");
    expect((await db.select().from(syncRuns).where(eq(syncRuns.id, firstSync.runId!)))[0]!.status).toBe("waiting_mfa");

    const done = await submitSecurityCode(world.deps, actor, { bankAccountId: account!.id, code: "123456" });
    expect(done).toMatchObject({ status: "succeeded", runId: firstSync.runId });
    expect((await db.select().from(syncRuns).where(eq(syncRuns.id, firstSync.runId!)))[0]!.status).toBe("succeeded");
  });

  it("says a manual account is not synchronized instead of failing", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const manual = await createManualBankAccount(db, company.id);
    const outcome = await fetchTransactionsForAccount(world.deps, { companyId: company.id, userId: user.id }, { bankAccountId: manual.id });
    expect(outcome.message).toMatch(/not synchronized with a bank/);
  });
});
