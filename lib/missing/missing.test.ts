import { and, count, eq, gte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, transactions } from "@/db/schema";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { insertLines } from "@/lib/testing/transaction-rows";
import { createManualBankAccount } from "@/lib/testing/fixtures";
import { deleteTransactions } from "@/lib/transactions/delete";
import { findMissingTransactions } from "./find";
import { importMissingTransactions } from "./import";
import { recordLoginRequired } from "@/lib/sync/run";
import { renderStoredMessage } from "@/lib/i18n/stored-message";
import { ConsentExpired, InstitutionUnavailable, ProviderRejected } from "@/lib/providers/errors";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const START = new Date("2026-11-25T09:00:00Z");

async function connectedAccount(bank: string) {
  world.clock.now = new Date(START);
  const { actor, connectionId } = await connectBank(world, bank);
  const [account] = await db.select().from(bankAccounts).where(and(eq(bankAccounts.connectionId, connectionId), eq(bankAccounts.currency, "EUR")));
  return { actor, connectionId, account: account! };
}

const lineCount = async (bankAccountId: string) =>
  (await db.select({ n: count() }).from(transactions).where(eq(transactions.bankAccountId, bankAccountId)))[0]!.n;

describe("Find Missing Transactions", () => {
  it("lists what the bank has and the database lacks, imports it once, and a second import adds nothing", async () => {
    const { actor, account } = await connectedAccount("Demo Bank");
    const before = await lineCount(account.id);
    const nothing = await findMissingTransactions(world.deps, actor, { bankAccountId: account.id, startingDate: "2026-11-01" });
    expect(nothing).toMatchObject({ ok: true, startingDate: "2026-11-01", posted: [], pending: [] });
    expect(nothing.ok && nothing.checked).toBeGreaterThan(0);

    // A line lost on our side: the bank still has it.
    const [lost] = await db.select().from(transactions)
      .where(and(eq(transactions.bankAccountId, account.id), gte(transactions.bookingDate, "2026-11-10"))).orderBy(transactions.id).limit(1);
    await db.delete(transactions).where(eq(transactions.id, lost!.id));

    const search = await findMissingTransactions(world.deps, actor, { bankAccountId: account.id, startingDate: "2026-11-01" });
    expect(search.ok && search.posted.map((l) => [l.onlineTransactionId, l.bookingDate, l.amount])).toEqual([[lost!.onlineTransactionId, lost!.bookingDate, expect.any(String)]]);

    const first = await importMissingTransactions(world.deps, actor, { bankAccountId: account.id, startingDate: "2026-11-01", onlineTransactionIds: [lost!.onlineTransactionId!] });
    expect(first).toEqual({ ok: true, inserted: 1, alreadyPresent: 0 });
    const [back] = await db.select().from(transactions).where(and(eq(transactions.bankAccountId, account.id), eq(transactions.onlineTransactionId, lost!.onlineTransactionId!)));
    expect([back!.amount, back!.description, back!.bookingDate]).toEqual([lost!.amount, lost!.description, lost!.bookingDate]);

    const second = await importMissingTransactions(world.deps, actor, { bankAccountId: account.id, startingDate: "2026-11-01", onlineTransactionIds: [lost!.onlineTransactionId!] });
    expect(second).toEqual({ ok: true, inserted: 0, alreadyPresent: 1 });
    expect(await lineCount(account.id)).toBe(before);
  });

  it("says when a missing line was deleted here before", async () => {
    const { actor, account } = await connectedAccount("Demo Bank");
    const [line] = await db.select().from(transactions).where(and(eq(transactions.bankAccountId, account.id), gte(transactions.bookingDate, "2026-11-10"))).orderBy(transactions.id).limit(1);
    expect(await deleteTransactions(db, actor, { bankAccountId: account.id, transactionIds: [line!.id], reason: "duplicate" })).toEqual({ ok: true, deleted: 1 });
    const search = await findMissingTransactions(world.deps, actor, { bankAccountId: account.id, startingDate: "2026-11-01" });
    expect(search.ok && search.posted.map((l) => [l.onlineTransactionId, l.deletedAt !== null])).toEqual([[line!.onlineTransactionId, true]]);
  });

  it("lists pending transactions but refuses to import them", async () => {
    const { actor, account } = await connectedAccount("Demo Bank Pending");
    const search = await findMissingTransactions(world.deps, actor, { bankAccountId: account.id, startingDate: "2026-11-20" });
    if (!search.ok) throw new Error(search.message);
    expect(search.pending.length).toBeGreaterThan(0);
    expect(search.pending.every((l) => l.status === "pending" && l.bookingDate === "2026-11-25")).toBe(true);
    const before = await lineCount(account.id);
    const result = await importMissingTransactions(world.deps, actor, { bankAccountId: account.id, startingDate: "2026-11-20", onlineTransactionIds: [search.pending[0]!.onlineTransactionId] });
    expect(result).toEqual({ ok: false, reason: "refused", message: "Pending transactions cannot be imported. Nothing was imported.", text: { key: "refusals.pendingNotImportable" } });
    expect(await lineCount(account.id)).toBe(before);
  });

  it("needs an active connection, and refuses another company's account", async () => {
    const { actor, account, connectionId } = await connectedAccount("Demo Bank");
    const stranger = await createCompanyWithUser(db);
    expect(await findMissingTransactions(world.deps, { companyId: stranger.company.id }, { bankAccountId: account.id }))
      .toMatchObject({ ok: false, reason: "not_found" });
    expect(await importMissingTransactions(world.deps, { companyId: stranger.company.id, userId: stranger.user.id }, { bankAccountId: account.id, startingDate: "2026-11-01", onlineTransactionIds: ["x"] }))
      .toMatchObject({ ok: false, reason: "not_found" });

    await recordLoginRequired(db, { companyId: actor.companyId, connectionId, now: new Date(world.clock.now.getTime() + 60_000) }); // the bank's notice, a minute after the sync
    expect(await findMissingTransactions(world.deps, actor, { bankAccountId: account.id })).toMatchObject({ ok: false, reason: "inactive", connectionId });

    const manual = await createManualBankAccount(db, actor.companyId, { name: "Cash" });
    await insertLines(manual.id, [{ id: "m1", date: "2026-11-20", amount: "1.00" }]);
    expect(await findMissingTransactions(world.deps, actor, { bankAccountId: manual.id })).toMatchObject({ ok: false, reason: "not_connected" });
  });

  it("says in the reader's language why the bank could not be asked, a bank's own words kept as written", async () => {
    const { actor, account } = await connectedAccount("Demo Bank");
    const failingWith = (error: Error) => ({
      ...world.deps,
      provider: () => ({ ...world.provider, openRefresh: async () => { throw error; } }),
    });
    const refusalIn = async (error: Error) => {
      const result = await findMissingTransactions(failingWith(error), actor, { bankAccountId: account.id, startingDate: "2026-11-01" });
      if (result.ok) throw new Error("The search should have been refused");
      return { reason: result.reason, id: renderStoredMessage(result.text, "id"), en: result.message };
    };

    const lost = await refusalIn(new ConsentExpired());
    expect(lost.reason).toBe("inactive");
    expect(lost.id).toContain("Cari Transaksi yang Hilang memerlukan koneksi aktif: hubungkan ulang bank.");
    expect(lost.id).not.toContain("consent");
    expect(lost.en).toContain("Find Missing Transactions needs an active connection: reconnect the bank.");

    expect((await refusalIn(new InstitutionUnavailable())).id).not.toMatch(/The bank is not available/);
    const ownWords = await refusalIn(new ProviderRejected({ message: "Kontoauszug gesperrt" }));
    expect(ownWords).toMatchObject({ reason: "provider_error", id: "Jawaban agregator bank: Kontoauszug gesperrt" });
    const unexpected = await refusalIn(new TypeError("boom"));
    expect(unexpected.id).toBe("Bank tidak dapat ditanyai karena terjadi kesalahan tak terduga di pihak kami.");
    expect(unexpected.en).toBe("The bank could not be asked because of an unexpected error on our side.");
  });
});
