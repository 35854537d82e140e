import { and, count, eq, gte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { db } from "@/db/client";
import { bankAccounts, companies, connectionEvents, transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { insertLines } from "@/lib/testing/transaction-rows";
import { deleteTransactions } from "@/lib/transactions/delete";
import { manualDeletionReason } from "@/lib/transactions/manual-delete";
import { restoreDeletedTransactions } from "@/lib/transactions/restore";
import { listDeletedLines, splitMissingAndDeleted } from "./deleted";
import { findMissingTransactions } from "./find";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const linesOf = async (bankAccountId: string) =>
  db.select({ description: transactions.description, bookingDate: transactions.bookingDate, amount: transactions.amount })
    .from(transactions).where(eq(transactions.bankAccountId, bankAccountId)).orderBy(transactions.bookingDate);

async function manualAccountWithLines() {
  const { company, user } = await createCompanyWithUser(db);
  const actor = { companyId: company.id, userId: user.id };
  const account = await createManualBankAccount(db, company.id, { name: "Cash box" });
  const [rent, lunch, old] = await insertLines(account.id, [
    { date: "2026-11-05", amount: "-899.00", description: "Rent November" },
    { date: "2026-11-14", amount: "-42.35", description: "Team lunch" },
    { date: "2026-09-01", amount: "-10.00", description: "Old coffee" },
  ]);
  return { actor, user, account, rent: rent!, lunch: lunch!, old: old! };
}

describe("Deleted earlier (Find Missing Transactions), from the record of deletions", () => {
  it("lists a line deleted by hand on a manual account with why and by whom; Restore brings it back once and logs it", async () => {
    const { actor, user, account, lunch, old } = await manualAccountWithLines();
    const reason = manualDeletionReason("Paid privately");
    expect(await deleteTransactions(db, actor, { bankAccountId: account.id, transactionIds: [lunch, old], reason })).toEqual({ ok: true, deleted: 2 });
    expect((await linesOf(account.id)).map((l) => l.description)).toEqual(["Rent November"]);

    // Only since the Starting Date: the September line is not listed from November on.
    const listed = await listDeletedLines(db, actor, { bankAccountId: account.id, startingDate: "2026-11-01" });
    expect(listed).toEqual([expect.objectContaining({
      bookingDate: "2026-11-14", amount: "-42.3500", currency: "EUR", description: "Team lunch",
      reason: "Deleted by hand: Paid privately", by: user.name, lockedBy: null,
    })]);
    expect((await listDeletedLines(db, actor, { bankAccountId: account.id, startingDate: "2026-08-01" })).map((l) => l.description))
      .toEqual(["Team lunch", "Old coffee"]);

    expect(await restoreDeletedTransactions(db, actor, { bankAccountId: account.id, deletionIds: [listed[0]!.deletionId] })).toEqual({ ok: true, restored: 1 });
    expect(await linesOf(account.id)).toEqual([
      { description: "Rent November", bookingDate: "2026-11-05", amount: "-899.0000" },
      { description: "Team lunch", bookingDate: "2026-11-14", amount: "-42.3500" },
    ]);
    // Restored once: it leaves the list, and a second Restore (a double click) adds nothing.
    expect(await listDeletedLines(db, actor, { bankAccountId: account.id, startingDate: "2026-11-01" })).toEqual([]);
    expect(await restoreDeletedTransactions(db, actor, { bankAccountId: account.id, deletionIds: [listed[0]!.deletionId] }))
      .toMatchObject({ ok: false });
    expect(await linesOf(account.id)).toHaveLength(2);

    const log = await db.select({ message: connectionEvents.message, actor: connectionEvents.actorUserId })
      .from(connectionEvents).where(and(eq(connectionEvents.bankAccountId, account.id), eq(connectionEvents.level, "user_action")));
    expect(log).toContainEqual({ message: "Cash box: 1 transaction deleted earlier restored.", actor: user.id });
  });

  it("shows a line on or before the lock date as not restorable, and Restore refuses it", async () => {
    const { actor, account, lunch } = await manualAccountWithLines();
    await deleteTransactions(db, actor, { bankAccountId: account.id, transactionIds: [lunch], reason: manualDeletionReason("") });
    await db.update(companies).set({ lockDate: "2026-11-20" }).where(eq(companies.id, actor.companyId));
    const [listed] = await listDeletedLines(db, actor, { bankAccountId: account.id, startingDate: "2026-11-01" });
    expect(listed).toMatchObject({ description: "Team lunch", reason: "Deleted by hand", lockedBy: "2026-11-20" });
    expect(inEnglish(await restoreDeletedTransactions(db, actor, { bankAccountId: account.id, deletionIds: [listed!.deletionId] })))
      .toEqual({ ok: false, error: "Lines dated on or before the lock date (2026-11-20) cannot be restored. Nothing was restored." });
    expect(await linesOf(account.id)).toHaveLength(2);
  });

  it("lists a deleted line the bank reports again once, with the deletion Find Missing points at", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const [account] = await db.select().from(bankAccounts).where(and(eq(bankAccounts.connectionId, connectionId), eq(bankAccounts.currency, "EUR")));
    const [line] = await db.select().from(transactions)
      .where(and(eq(transactions.bankAccountId, account!.id), gte(transactions.bookingDate, "2026-11-10"))).orderBy(transactions.id).limit(1);
    await deleteTransactions(db, actor, { bankAccountId: account!.id, transactionIds: [line!.id], reason: "Find Duplicate Transactions" });

    const search = await findMissingTransactions(world.deps, actor, { bankAccountId: account!.id, startingDate: "2026-11-01" });
    if (!search.ok) throw new Error(search.message);
    const reported = search.posted.filter((l) => l.deletionId !== null);
    expect(reported.map((l) => l.onlineTransactionId)).toEqual([line!.onlineTransactionId]);

    // Listed once: under Deleted earlier with its reason, not among the lines to import.
    const split = await splitMissingAndDeleted(db, actor, { bankAccountId: account!.id, deletedSince: "2026-11-01", posted: search.posted });
    expect(split.missing.map((l) => l.onlineTransactionId)).not.toContain(line!.onlineTransactionId);
    expect(split.deleted.map((l) => [l.deletionId, l.description, l.reason])).toEqual([[reported[0]!.deletionId, line!.description, "Find Duplicate Transactions"]]);
    // Even from a Starting Date after its booking date (the bank may date it differently), it is there once.
    const later = await splitMissingAndDeleted(db, actor, { bankAccountId: account!.id, deletedSince: "2026-11-24", posted: search.posted });
    expect(later.deleted.map((l) => l.deletionId)).toEqual([reported[0]!.deletionId]);
  });

  it("never lists another company's deletions", async () => {
    const mine = await manualAccountWithLines();
    const theirs = await manualAccountWithLines();
    await deleteTransactions(db, theirs.actor, { bankAccountId: theirs.account.id, transactionIds: [theirs.lunch], reason: manualDeletionReason("theirs") });
    const [theirDeletion] = await listDeletedLines(db, theirs.actor, { bankAccountId: theirs.account.id, startingDate: "2026-01-01" });
    expect(theirDeletion).toBeDefined();

    // Their account id, or their deletion's id slipped in, with my company: nothing.
    expect(await listDeletedLines(db, mine.actor, { bankAccountId: theirs.account.id, startingDate: "2026-01-01" })).toEqual([]);
    expect(await listDeletedLines(db, mine.actor, { bankAccountId: mine.account.id, startingDate: "2026-01-01", alsoDeletionIds: [theirDeletion!.deletionId] })).toEqual([]);
    expect(inEnglish(await restoreDeletedTransactions(db, mine.actor, { bankAccountId: theirs.account.id, deletionIds: [theirDeletion!.deletionId] })))
      .toEqual({ ok: false, error: "This bank account does not exist." });
    expect(await listDeletedLines(db, mine.actor, { bankAccountId: "not-a-uuid", startingDate: "2026-01-01" })).toEqual([]);
    const [{ n }] = await db.select({ n: count() }).from(transactions).where(eq(transactions.bankAccountId, theirs.account.id)) as [{ n: number }];
    expect(n).toBe(2);
  });
});
