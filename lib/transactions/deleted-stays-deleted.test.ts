/** Deleted means deleted: a line a user deleted never returns through a sync, Find Missing or an import; Restore brings it back, logged. */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { db } from "@/db/client";
import { bankAccounts, connectionEvents, transactionDeletions, transactions } from "@/db/schema";
import { findMissingTransactions } from "@/lib/missing/find";
import { importMissingTransactions } from "@/lib/missing/import";
import { ingestTransactions } from "@/lib/sync/ingest";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { deleteTransactions } from "./delete";
import { restoreDeletedTransactions } from "./restore";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld(new Date("2026-11-25T09:00:00Z"));
});
afterAll(async () => {
  await world.server.close();
});

const idsOf = async (bankAccountId: string) =>
  (await db.select({ id: transactions.onlineTransactionId }).from(transactions).where(eq(transactions.bankAccountId, bankAccountId))).map((r) => r.id);

describe("deleted means deleted", () => {
  it("a deleted line stays gone through a full re-sync and Find Missing, until Restore", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const [account] = await db.select().from(bankAccounts).where(and(eq(bankAccounts.connectionId, connectionId), eq(bankAccounts.currency, "EUR")));
    // The newest day's lines: the next sync's window starts right after the newest line left,
    // so it asks the bank for that day again and the bank still has them.
    const [newest] = await db.select({ date: transactions.bookingDate }).from(transactions)
      .where(eq(transactions.bankAccountId, account!.id)).orderBy(desc(transactions.bookingDate)).limit(1);
    const dayLines = await db.select().from(transactions)
      .where(and(eq(transactions.bankAccountId, account!.id), eq(transactions.bookingDate, newest!.date))).orderBy(transactions.id);
    const victim = dayLines[0]!;
    expect(await deleteTransactions(db, actor, { bankAccountId: account!.id, transactionIds: dayLines.map((l) => l.id), reason: "Find Duplicate Transactions" })).toEqual({ ok: true, deleted: dayLines.length });

    const again = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(again.status).toBe("succeeded");
    expect(again.fetched).toBeGreaterThanOrEqual(dayLines.length); // the bank sent them again…
    const stored = await idsOf(account!.id);
    for (const line of dayLines) expect(stored).not.toContain(line.onlineTransactionId); // …and they stayed deleted

    // Find Missing lists it as deleted earlier; importing it is refused.
    const search = await findMissingTransactions(world.deps, actor, { bankAccountId: account!.id, startingDate: newest!.date });
    if (!search.ok) throw new Error(search.message);
    const listed = search.posted.find((line) => line.onlineTransactionId === victim!.onlineTransactionId)!;
    expect(listed.deletedAt).toBeInstanceOf(Date);
    const refused = await importMissingTransactions(world.deps, actor, { bankAccountId: account!.id, startingDate: newest!.date, onlineTransactionIds: [victim!.onlineTransactionId!] });
    expect(inEnglish(refused)).toMatchObject({ ok: false, message: expect.stringMatching(/deleted here earlier: use Restore/) });

    // Restore: the line is back exactly as it was, once, and the log says so.
    expect(await restoreDeletedTransactions(db, actor, { bankAccountId: account!.id, deletionIds: [listed.deletionId!] })).toEqual({ ok: true, restored: 1 });
    const [back] = await db.select().from(transactions).where(and(eq(transactions.bankAccountId, account!.id), eq(transactions.onlineTransactionId, victim!.onlineTransactionId!)));
    expect([back!.amount, back!.bookingDate, back!.description, back!.partnerName]).toEqual([victim!.amount, victim!.bookingDate, victim!.description, victim!.partnerName]);
    expect(await restoreDeletedTransactions(db, actor, { bankAccountId: account!.id, deletionIds: [listed.deletionId!] })).toMatchObject({ ok: false });
    const log = await db.select().from(connectionEvents).where(eq(connectionEvents.bankAccountId, account!.id));
    expect(log.some((entry) => /1 transaction deleted earlier restored|1 line deleted earlier restored|deleted earlier restored/.test(entry.message))).toBe(true);
  });

  it("a deleted line without an online id (from a file) is not imported again", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank 90 days");
    const [account] = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId)).limit(1);
    const line = { onlineTransactionId: null, bookingDate: "2026-01-15", valueDate: null, amount: "-42.00", currency: "EUR", description: "Old statement line", partnerName: null, partnerAccount: null, reference: null };
    await db.transaction((tx) => ingestTransactions(tx, { bankAccountId: account!.id, source: "file", syncRunId: null, lines: [line] }));
    const [stored] = await db.select().from(transactions).where(and(eq(transactions.bankAccountId, account!.id), eq(transactions.description, "Old statement line")));
    expect(await deleteTransactions(db, actor, { bankAccountId: account!.id, transactionIds: [stored!.id], reason: "wrong file" })).toEqual({ ok: true, deleted: 1 });
    const result = await db.transaction((tx) => ingestTransactions(tx, { bankAccountId: account!.id, source: "file", syncRunId: null, lines: [line, { ...line, description: "Another line" }] }));
    expect(result).toMatchObject({ inserted: 1, skipped: 1 });
    expect(await db.select().from(transactionDeletions).where(eq(transactionDeletions.bankAccountId, account!.id))).toHaveLength(1);
  });

  it("refuses another company's deletions", async () => {
    const a = await connectBank(world, "Demo Bank");
    const b = await connectBank(world, "Demo Bank");
    const [accountA] = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, a.connectionId)).limit(1);
    const [line] = await db.select().from(transactions).where(eq(transactions.bankAccountId, accountA!.id)).limit(1);
    await deleteTransactions(db, a.actor, { bankAccountId: accountA!.id, transactionIds: [line!.id], reason: "test" });
    const [deletion] = await db.select().from(transactionDeletions);
    expect(inEnglish(await restoreDeletedTransactions(db, b.actor, { bankAccountId: accountA!.id, deletionIds: [deletion!.id] }))).toEqual({ ok: false, error: "This bank account does not exist." });
  });
});
