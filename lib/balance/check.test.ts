import { and, asc, between, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { balanceChecks, bankAccounts, connectionEvents, transactions } from "@/db/schema";
import { showStored } from "@/lib/i18n/stored-message";
import { syncConnection } from "@/lib/sync/run-sync";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { insertLines } from "@/lib/testing/transaction-rows";
import { checkBalance } from "./check";
import { balanceHistory, currentBalanceGap } from "./history";

async function manualAccount() {
  const { company } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  return { companyId: company.id, account };
}

const at = (day: string) => new Date(`${day}T18:00:00Z`);

async function logOf(bankAccountId: string) {
  const rows = await db.select({ level: connectionEvents.level, message: connectionEvents.message }).from(connectionEvents)
    .where(eq(connectionEvents.bankAccountId, bankAccountId)).orderBy(asc(connectionEvents.createdAt), asc(connectionEvents.id));
  return rows.map((row) => `${row.level}: ${row.message}`);
}

describe("checkBalance with our own numbers", () => {
  it("derives the opening balance from the first bank balance, then flags a gap and says when it closes", async () => {
    const { companyId, account } = await manualAccount();
    const check = (amount: string, day: string) => checkBalance(db, {
      companyId, connectionId: null, syncRunId: null, bankAccount: account, balance: { amount, currency: "EUR", asOf: at(day) },
    });
    await insertLines(account.id, [
      { id: "1", date: "2026-11-02", amount: "-30.10" },
      { id: "2", date: "2026-11-03", amount: "250.00" },
      // Booked after the balance's date: not yet in it.
      { id: "3", date: "2026-11-05", amount: "-99.99" },
      // Another currency on the account: not part of a EUR balance.
      { id: "4", date: "2026-11-03", amount: "-5.00", currency: "USD" },
    ]);

    expect(await check("1219.90", "2026-11-04")).toMatchObject({ status: "opening_set", difference: "0.0000", computedBalance: "1219.9000" });
    const [stored] = await db.select({ opening: bankAccounts.openingBalance }).from(bankAccounts).where(eq(bankAccounts.id, account.id));
    expect(stored!.opening).toBe("1000.0000");

    // The bank's next balance includes line 3: it matches, and nothing is logged as wrong.
    expect(await check("1119.91", "2026-11-05")).toMatchObject({ status: "matches", difference: "0.0000" });
    expect(await currentBalanceGap(db, companyId, account.id)).toBeNull();

    // The bank counts a line we never imported.
    expect(await check("1107.91", "2026-11-06")).toMatchObject({ status: "differs", difference: "-12.0000", computedBalance: "1119.9100" });
    const gap = await currentBalanceGap(db, companyId, account.id);
    expect(gap).toMatchObject({ lastMatchThrough: "2026-11-05", latest: { bankBalance: "1107.9100", computedBalance: "1119.9100", matches: false } });

    await insertLines(account.id, [{ id: "5", date: "2026-11-06", amount: "-12.00" }]);
    expect(await check("1107.91", "2026-11-07")).toMatchObject({ status: "matches" });
    expect(await currentBalanceGap(db, companyId, account.id)).toBeNull();

    expect(await logOf(account.id)).toEqual([
      "info: Main account: opening balance set from the bank's balance of €1,219.90 on 2026-11-04; later balances are checked against it.",
      "warning: Balance differs from the bank by €12.00: bank €1,107.91, computed €1,119.91 (Main account, lines through 2026-11-06).",
      "info: Balance matches the bank again: €1,107.91 (Main account, lines through 2026-11-07).",
    ]);
    // An Indonesian reader: amounts and dates as they write them, never rounded.
    const [differs] = await db.select().from(connectionEvents)
      .where(and(eq(connectionEvents.bankAccountId, account.id), eq(connectionEvents.messageKey, "connections.balanceDiffers")));
    expect(showStored({ text: differs!.message, key: differs!.messageKey, params: differs!.messageParams }, "id"))
      .toBe("Saldo berbeda €12,00 dari bank: bank €1.107,91, hasil hitung €1.119,91 (Main account, baris sampai 06/11/2026).");
    expect((await balanceHistory(db, companyId, account.id)).map((p) => [p.linesThrough, p.difference])).toEqual([
      ["2026-11-04", "0.0000"], ["2026-11-05", "0.0000"], ["2026-11-06", "-12.0000"], ["2026-11-07", "0.0000"],
    ]);
  });

  it("keeps an opening balance the account already has", async () => {
    const { companyId, account } = await manualAccount();
    await db.update(bankAccounts).set({ openingBalance: "500.00" }).where(eq(bankAccounts.id, account.id));
    await insertLines(account.id, [{ id: "1", date: "2026-11-02", amount: "20.00" }]);
    const result = await checkBalance(db, { companyId, connectionId: null, syncRunId: null, bankAccount: account, balance: { amount: "600.00", currency: "EUR", asOf: at("2026-11-03") } });
    expect(result).toMatchObject({ status: "differs", difference: "80.0000", computedBalance: "520.0000" });
    const [stored] = await db.select({ opening: bankAccounts.openingBalance }).from(bankAccounts).where(eq(bankAccounts.id, account.id));
    expect(stored!.opening).toBe("500.0000");
  });

  it("checks nothing for another company's account", async () => {
    const { account } = await manualAccount();
    const stranger = await manualAccount();
    const result = await checkBalance(db, {
      companyId: stranger.companyId, connectionId: null, syncRunId: null, bankAccount: account, balance: { amount: "1.00", currency: "EUR", asOf: at("2026-11-03") },
    });
    expect(result).toBeNull();
    expect(await db.select().from(balanceChecks)).toEqual([]);
    expect(await balanceHistory(db, stranger.companyId, account.id)).toEqual([]);
  });
});

describe("the balance check after each sync of the Sandbox bank", () => {
  let world: SandboxWorld;
  beforeAll(async () => {
    world = await startSandboxWorld();
  });
  afterAll(async () => {
    await world.server.close();
  });

  it("sets the opening balance on the first sync, matches the bank's balance later, and flags a line lost on our side", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const accounts = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId));
    expect(accounts.length).toBe(3);
    expect(accounts.every((account) => account.openingBalance !== null)).toBe(true);

    // A week later the Sandbox's balances move by exactly the generated lines: no gap.
    world.clock.now = new Date("2026-12-02T09:00:00Z");
    expect((await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" })).status).toBe("succeeded");
    for (const account of accounts) {
      const history = await balanceHistory(db, actor.companyId, account.id);
      expect(history.map((point) => [point.linesThrough, point.matches])).toEqual([["2026-11-25", true], ["2026-12-02", true]]);
      expect(history[1]!.bankBalance).toBe((await db.select({ b: bankAccounts.balance }).from(bankAccounts).where(eq(bankAccounts.id, account.id)))[0]!.b);
    }

    // A line of the books goes missing: the next check differs by exactly its amount.
    // (Older than the week before the newest line that the next sync re-reads, so it is not fetched again.)
    const [lost] = await db.select().from(transactions)
      .where(and(inArray(transactions.bankAccountId, accounts.map((account) => account.id)), between(transactions.bookingDate, "2026-11-20", "2026-11-24")))
      .orderBy(asc(transactions.id)).limit(1);
    const main = accounts.find((account) => account.id === lost!.bankAccountId)!;
    await db.delete(transactions).where(eq(transactions.id, lost!.id));
    world.clock.now = new Date("2026-12-03T09:00:00Z");
    await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    const gap = await currentBalanceGap(db, actor.companyId, main.id);
    expect(gap?.lastMatchThrough).toBe("2026-12-02");
    expect(gap?.latest.difference).toBe(lost!.amount);
    const warnings = (await logOf(main.id)).filter((line) => line.startsWith("warning: Balance differs from the bank by"));
    expect(warnings).toHaveLength(1);
  });
});
