import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { db } from "@/db/client";
import { connectionEvents, notDuplicatePairs, pendingTransactions, transactions } from "@/db/schema";
import { ingestTransactions, type IngestLine } from "@/lib/sync/ingest";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { insertLines } from "@/lib/testing/transaction-rows";
import { findDuplicateGroups } from "./find";
import { markNotDuplicate } from "./not-duplicate";

async function setup() {
  const { company, user } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  return { actor: { companyId: company.id, userId: user.id }, account };
}

const search = (companyId: string, bankAccountId: string) =>
  findDuplicateGroups(db, { companyId, bankAccountId, startingDate: "2026-11-01" });
const summary = (found: Awaited<ReturnType<typeof search>>) =>
  found.groups.map((group) => [group.reason, group.lines.map((line) => line.description).sort()]);

const line = (id: string | null, date: string, amount: string, description: string): IngestLine => ({
  onlineTransactionId: id, bookingDate: date, valueDate: null, amount, currency: "EUR", description, partnerName: null, partnerAccount: null, reference: null,
});
const ingest = (bankAccountId: string, lines: IngestLine[], source: "sync" | "file" = "sync") =>
  db.transaction((tx) => ingestTransactions(tx, { bankAccountId, source, syncRunId: null, lines }));

async function flags(ids: number[]) {
  const rows = await db.select({ id: transactions.id, flagged: transactions.possibleDuplicate }).from(transactions).where(inArray(transactions.id, ids));
  return Object.fromEntries(rows.map((row) => [row.id, row.flagged]));
}

describe('"Not a duplicate"', () => {
  it("sticks through a later sync, a file import and a new search, while a new third line is a new pair", async () => {
    const { actor, account } = await setup();
    await ingest(account.id, [line("a", "2026-11-03", "-3.50", "Coffee A"), line("b", "2026-11-03", "-3.50", "Coffee B"), line("t", "2026-11-03", "-4.00", "Tea")]);
    const found = await search(actor.companyId, account.id);
    expect(summary(found)).toEqual([["fingerprint", ["Coffee A", "Coffee B"]]]);
    const ids = found.groups[0]!.lines.map((l) => l.id);
    expect(Object.values(await flags(ids))).toEqual([true, true]);

    expect(await markNotDuplicate(db, actor, { bankAccountId: account.id, reason: "fingerprint", transactionIds: ids })).toEqual({ ok: true, lines: 2, pairs: 1 });
    expect(Object.values(await flags(ids))).toEqual([false, false]);
    expect(await search(actor.companyId, account.id)).toEqual({ groups: [], truncated: false });
    const [pair] = await db.select().from(notDuplicatePairs);
    expect(pair).toMatchObject({ lowTransactionId: Math.min(...ids), highTransactionId: Math.max(...ids), reason: "fingerprint", decidedBy: actor.userId });
    const [logged] = await db.select({ message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.bankAccountId, account.id));
    expect(logged!.message).toBe('Main account: 2 transactions marked "Not a duplicate" (Same amount, currency and date).');

    // The bank sends the same lines again, and a statement file holds them too.
    expect(await ingest(account.id, [line("a", "2026-11-03", "-3.50", "Coffee A"), line("b", "2026-11-03", "-3.50", "Coffee B")])).toMatchObject({ inserted: 0 });
    expect(await ingest(account.id, [line("a", "2026-11-03", "-3.50", "Coffee A")], "file")).toMatchObject({ inserted: 0 });
    expect(await search(actor.companyId, account.id)).toEqual({ groups: [], truncated: false });
    expect(Object.values(await flags(ids))).toEqual([false, false]);

    // A third coffee that day is new: it pairs with both, so the group shows again, all three lines.
    await ingest(account.id, [line("c", "2026-11-03", "-3.50", "Coffee C")]);
    expect(summary(await search(actor.companyId, account.id))).toEqual([["fingerprint", ["Coffee A", "Coffee B", "Coffee C"]]]);
  });

  it("keeps the flag of a line that still has an undismissed twin, and lists only that pair", async () => {
    const { actor, account } = await setup();
    const [a, b, c] = await insertLines(account.id, [
      { id: "a", date: "2026-11-03", amount: "-3.50", description: "A" },
      { id: "b", date: "2026-11-03", amount: "-3.50", description: "B" },
      { id: "c", date: "2026-11-03", amount: "-3.50", description: "C" },
    ]);
    await db.update(transactions).set({ possibleDuplicate: true }).where(inArray(transactions.id, [a!, b!, c!]));
    await markNotDuplicate(db, actor, { bankAccountId: account.id, reason: "fingerprint", transactionIds: [a!, b!] });
    expect(await flags([a!, b!, c!])).toEqual({ [a!]: true, [b!]: true, [c!]: true });
    await markNotDuplicate(db, actor, { bankAccountId: account.id, reason: "fingerprint", transactionIds: [a!, c!] });
    expect(await flags([a!, b!, c!])).toEqual({ [a!]: false, [b!]: true, [c!]: true });
    expect(summary(await search(actor.companyId, account.id))).toEqual([["fingerprint", ["B", "C"]]]);
  });

  it("refuses another company's account and lines, and a group that is not one, changing nothing", async () => {
    const { actor, account } = await setup();
    const stranger = await setup();
    const mine = await insertLines(account.id, [{ id: "a", date: "2026-11-03", amount: "-3.50" }, { id: "b", date: "2026-11-03", amount: "-3.50" }]);
    const theirs = await insertLines(stranger.account.id, [{ id: "a", date: "2026-11-03", amount: "-3.50" }, { id: "b", date: "2026-11-03", amount: "-3.50" }]);
    const odd = await insertLines(account.id, [{ id: "c", date: "2026-11-03", amount: "-4.00" }]);
    expect(inEnglish(await markNotDuplicate(db, actor, { bankAccountId: stranger.account.id, reason: "fingerprint", transactionIds: theirs })))
      .toEqual({ ok: false, error: "This bank account does not exist." });
    expect(inEnglish(await markNotDuplicate(db, actor, { bankAccountId: account.id, reason: "fingerprint", transactionIds: [mine[0]!, theirs[0]!] })))
      .toEqual({ ok: false, error: "Some of these transactions do not exist. Nothing was changed." });
    expect(inEnglish(await markNotDuplicate(db, actor, { bankAccountId: account.id, reason: "fingerprint", transactionIds: [mine[0]!, odd[0]!] })))
      .toEqual({ ok: false, error: "These transactions do not share an amount and currency. Nothing was changed." });
    expect(await db.select().from(notDuplicatePairs)).toEqual([]);
    expect(await db.select().from(connectionEvents)).toEqual([]);
  });
});

describe("pending twins", () => {
  it("groups a posted line linked from a pending one with the account's lines of its amount within five days", async () => {
    const { actor, account } = await setup();
    const [posted, imported, sameDay, tooFar, otherAmount] = await insertLines(account.id, [
      { id: "posted", date: "2026-11-10", amount: "-42.00", description: "Posted" },
      { id: null, date: "2026-11-07", amount: "-42.00", description: "From a file" },
      { id: "again", date: "2026-11-10", amount: "-42.00", description: "Same day" },
      { id: "far", date: "2026-11-16", amount: "-42.00", description: "Six days later" },
      { id: "other", date: "2026-11-09", amount: "-41.00", description: "Other amount" },
    ]);
    await db.insert(pendingTransactions).values({
      bankAccountId: account.id, onlineTransactionId: "pend-1", bookingDate: "2026-11-08", amount: "-42.00", currency: "EUR",
      description: "Posted", postedTransactionId: posted!, postedAt: new Date(), linkReason: "match",
    });
    const found = await search(actor.companyId, account.id);
    // The same-day fingerprint group is the pending twin group's subset: shown once.
    expect(summary(found)).toEqual([["pending_twin", ["From a file", "Posted", "Same day"]]]);
    expect(found.groups[0]!.lines[0]!.id).toBe(posted);
    expect([tooFar, otherAmount].some((id) => found.groups[0]!.lines.some((l) => l.id === id))).toBe(false);

    expect(await markNotDuplicate(db, actor, { bankAccountId: account.id, reason: "pending_twin", transactionIds: [posted!, imported!, sameDay!] }))
      .toEqual({ ok: true, lines: 3, pairs: 3 });
    expect(await search(actor.companyId, account.id)).toEqual({ groups: [], truncated: false });
  });
});
