import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { db } from "@/db/client";
import { companies, connectionEvents, transactionDeletions, transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { insertLines } from "@/lib/testing/transaction-rows";
import { deleteTransactions } from "./delete";

async function setup() {
  const { company, user } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  return { actor: { companyId: company.id, userId: user.id }, account };
}

const remainingIds = async (bankAccountId: string) =>
  (await db.select({ id: transactions.id }).from(transactions).where(eq(transactions.bankAccountId, bankAccountId))).map((r) => r.id).sort((a, b) => a - b);

describe("deleteTransactions", () => {
  it("deletes the selection, remembers every line and logs it on the account", async () => {
    const { actor, account } = await setup();
    const [keep, twin] = await insertLines(account.id, [
      { id: "a", date: "2026-11-03", amount: "-3.50", description: "Coffee" },
      { id: "b", date: "2026-11-03", amount: "-3.50", description: "Coffee" },
    ]);
    await db.update(transactions).set({ possibleDuplicate: true }).where(eq(transactions.bankAccountId, account.id));

    const result = await deleteTransactions(db, actor, { bankAccountId: account.id, transactionIds: [twin!], reason: "duplicate" });

    expect(result).toEqual({ ok: true, deleted: 1 });
    expect(await remainingIds(account.id)).toEqual([keep]);
    const [deletion] = await db.select().from(transactionDeletions);
    expect(deletion).toMatchObject({ transactionId: twin, onlineTransactionId: "b", bookingDate: "2026-11-03", amount: "-3.5000", currency: "EUR", description: "Coffee", reason: "duplicate", deletedBy: actor.userId, bankAccountId: account.id });
    expect(deletion!.snapshot).toMatchObject({ id: twin, onlineTransactionId: "b" });
    const [event] = await db.select().from(connectionEvents).where(eq(connectionEvents.bankAccountId, account.id));
    expect(event!.message).toContain("1 transaction deleted");
    // The line left alone is no longer a possible duplicate.
    const [kept] = await db.select().from(transactions).where(eq(transactions.id, keep!));
    expect(kept!.possibleDuplicate).toBe(false);
  });

  it("refuses a selection with a reconciled line and deletes none of it", async () => {
    const { actor, account } = await setup();
    const ids = await insertLines(account.id, [
      { id: "a", date: "2026-11-03", amount: "-3.50" },
      { id: "b", date: "2026-11-03", amount: "-3.50", reconciled: true },
    ]);
    const result = await deleteTransactions(db, actor, { bankAccountId: account.id, transactionIds: ids, reason: "duplicate" });
    expect(inEnglish(result)).toEqual({ ok: false, error: expect.stringContaining("reconciled and cannot be deleted") });
    expect(await remainingIds(account.id)).toEqual(ids);
    expect(await db.select().from(transactionDeletions)).toEqual([]);
  });

  it("refuses lines on or before the lock date", async () => {
    const { actor, account } = await setup();
    await db.update(companies).set({ lockDate: "2026-11-03" }).where(eq(companies.id, actor.companyId));
    const ids = await insertLines(account.id, [{ id: "a", date: "2026-11-03", amount: "-3.50" }, { id: "b", date: "2026-11-04", amount: "-3.50" }]);
    const result = await deleteTransactions(db, actor, { bankAccountId: account.id, transactionIds: ids, reason: "duplicate" });
    expect(inEnglish(result)).toEqual({ ok: false, error: expect.stringContaining("lock date (2026-11-03)") });
    expect(await remainingIds(account.id)).toEqual(ids);
  });

  it("refuses another company's account and lines of another account", async () => {
    const { actor, account } = await setup();
    const stranger = await setup();
    const [theirs] = await insertLines(stranger.account.id, [{ id: "x", date: "2026-11-03", amount: "-3.50" }]);
    const [mine] = await insertLines(account.id, [{ id: "y", date: "2026-11-03", amount: "-3.50" }]);

    expect(inEnglish(await deleteTransactions(db, actor, { bankAccountId: stranger.account.id, transactionIds: [theirs!], reason: "duplicate" })))
      .toEqual({ ok: false, error: "This bank account does not exist." });
    expect(inEnglish(await deleteTransactions(db, actor, { bankAccountId: account.id, transactionIds: [mine!, theirs!], reason: "duplicate" })))
      .toEqual({ ok: false, error: expect.stringContaining("not on this account") });
    expect(await remainingIds(stranger.account.id)).toEqual([theirs]);
    expect(await remainingIds(account.id)).toEqual([mine]);
  });
});
