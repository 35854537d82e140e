/**
 * Banks with a short history: after the first synchronization the user learns how far it
 * went and that older lines come from a file; Find Missing says which part of a search the
 * bank could not answer. A bank with a long history says nothing of the sort.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { addDays, toIsoDate } from "@/lib/dates";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { accountBankHistory, isLimitedHistory, limitedFirstSync, searchableFrom } from "./limited-history";
import { bankAccounts } from "@/db/schema";
import { eq } from "drizzle-orm";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("the rule", () => {
  it("calls 90 days limited and two years not", () => {
    expect(isLimitedHistory(90)).toBe(true);
    expect(isLimitedHistory(730)).toBe(false);
  });

  it("gives the first searchable date only when the Starting Date is older than the bank's history", () => {
    expect(searchableFrom({ startingDate: "2026-06-01", today: "2026-11-25", historyDays: 90 })).toBe("2026-08-27");
    expect(searchableFrom({ startingDate: "2026-08-27", today: "2026-11-25", historyDays: 90 })).toBeNull();
    expect(searchableFrom({ startingDate: "2026-10-01", today: "2026-11-25", historyDays: 90 })).toBeNull();
  });
});

describe("after the first synchronization", () => {
  it("tells how far a 90-day bank's history went, with the accounts to import older lines into", async () => {
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank 90 days");
    const today = toIsoDate(world.clock.now);
    const limited = await limitedFirstSync(db, actor.companyId, firstSync.runId!);
    const accounts = await db.select({ id: bankAccounts.id, name: bankAccounts.name }).from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId));
    expect(limited).toEqual({ institution: "Demo Bank 90 days", historyDays: 90, historyFrom: addDays(today, -90), accounts });
    // Another company cannot read it by the run's id.
    const { company } = await createCompanyWithUser(db);
    expect(await limitedFirstSync(db, company.id, firstSync.runId!)).toBeNull();
    expect(await accountBankHistory(db, actor.companyId, accounts[0]!.id)).toEqual({ institution: "Demo Bank 90 days", historyDays: 90 });
  });

  it("says nothing for a bank that keeps two years, nor for a manual account", async () => {
    const { actor, firstSync } = await connectBank(world, "Demo Bank");
    expect(await limitedFirstSync(db, actor.companyId, firstSync.runId!)).toBeNull();
    const manual = await createManualBankAccount(db, actor.companyId);
    expect(await accountBankHistory(db, actor.companyId, manual.id)).toBeNull();
  });
});
