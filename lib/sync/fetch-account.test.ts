import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { fetchTransactionsForAccount, findWaitingRun } from "./fetch-account";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("Fetch Transactions on a bank account", () => {
  it("resumes the waiting run with the code, and finds it only for the account's company", async () => {
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank MFA");
    const [account] = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId));
    expect(await findWaitingRun(db, actor, account!.id)).toEqual({ runId: firstSync.runId, connectionId, orchestrator: "inline" });
    const stranger = await createCompanyWithUser(db);
    expect(await findWaitingRun(db, { companyId: stranger.company.id }, account!.id)).toBeNull();
    expect((await fetchTransactionsForAccount(world.deps, { companyId: stranger.company.id, userId: stranger.user.id }, { bankAccountId: account!.id })).message)
      .toBe("This bank account does not exist.");

    const done = await fetchTransactionsForAccount(world.deps, actor, { bankAccountId: account!.id, mfaCode: "123456" });
    expect(done).toMatchObject({ status: "succeeded", runId: firstSync.runId });
    expect(await findWaitingRun(db, actor, account!.id)).toBeNull();
  });

  it("says a manual account is not synchronized instead of failing", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const manual = await createManualBankAccount(db, company.id);
    const outcome = await fetchTransactionsForAccount(world.deps, { companyId: company.id, userId: user.id }, { bankAccountId: manual.id });
    expect(outcome.message).toMatch(/not synchronized with a bank/);
  });
});
