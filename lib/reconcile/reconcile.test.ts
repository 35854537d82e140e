import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { db } from "@/db/client";
import { companies, counterpartCategories, transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { insertLines } from "@/lib/testing/transaction-rows";
import { deleteTransactions } from "@/lib/transactions/delete";
import { listCounterpartCategories } from "./categories";
import { reconcileTransactions, undoReconciliation } from "./reconcile";

async function setup() {
  const { company, user } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  const ids = await insertLines(account.id, [
    { id: "a", date: "2026-11-03", amount: "-3.50" },
    { id: "b", date: "2026-11-04", amount: "-12.00" },
  ]);
  return { actor: { companyId: company.id, userId: user.id }, account, ids };
}

const rowsOf = (ids: number[]) => db.select().from(transactions).where(inArray(transactions.id, ids)).orderBy(transactions.id);

describe("reconciliation", () => {
  it("reconciles a selection with a label and a note, and undoes it", async () => {
    const { actor, account, ids } = await setup();
    expect(await reconcileTransactions(db, actor, { bankAccountId: account.id, transactionIds: ids, counterpartLabel: " Office supplies ", note: "Invoice 42" }))
      .toEqual({ ok: true, count: 2 });
    const reconciled = await rowsOf(ids);
    expect(reconciled.map((r) => [r.counterpartLabel, r.reconcileNote, r.reconciledBy, r.reconciledAt !== null])).toEqual([
      ["Office supplies", "Invoice 42", actor.userId, true],
      ["Office supplies", "Invoice 42", actor.userId, true],
    ]);

    expect(await undoReconciliation(db, actor, { bankAccountId: account.id, transactionIds: [ids[0]!] })).toEqual({ ok: true, count: 1 });
    const [undone, still] = await rowsOf(ids);
    expect([undone!.reconciledAt, undone!.counterpartLabel, undone!.reconcileNote]).toEqual([null, null, null]);
    expect(still!.reconciledAt).not.toBeNull();
  });

  it("uses the company's spelling of a kept category, and keeps a new one when asked", async () => {
    const { actor, account, ids } = await setup();
    await db.insert(counterpartCategories).values({ companyId: actor.companyId, name: "Office supplies" });
    await reconcileTransactions(db, actor, { bankAccountId: account.id, transactionIds: [ids[0]!], counterpartLabel: "office SUPPLIES" });
    await reconcileTransactions(db, actor, { bankAccountId: account.id, transactionIds: [ids[1]!], counterpartLabel: "Rent", keepAsCategory: true });
    expect((await rowsOf(ids)).map((r) => r.counterpartLabel)).toEqual(["Office supplies", "Rent"]);
    expect(await listCounterpartCategories(db, actor.companyId)).toEqual(["Office supplies", "Rent"]);
  });

  it("makes reconciled lines undeletable until the reconciliation is undone", async () => {
    const { actor, account, ids } = await setup();
    await reconcileTransactions(db, actor, { bankAccountId: account.id, transactionIds: [ids[0]!], counterpartLabel: "Rent" });
    expect((await deleteTransactions(db, actor, { bankAccountId: account.id, transactionIds: [ids[0]!], reason: "duplicate" })).ok).toBe(false);
    await undoReconciliation(db, actor, { bankAccountId: account.id, transactionIds: [ids[0]!] });
    expect(await deleteTransactions(db, actor, { bankAccountId: account.id, transactionIds: [ids[0]!], reason: "duplicate" })).toEqual({ ok: true, deleted: 1 });
  });

  it("refuses another company's lines, an empty label, and lines on or before the lock date, changing nothing", async () => {
    const { actor, account, ids } = await setup();
    const stranger = await setup();
    expect(inEnglish(await reconcileTransactions(db, actor, { bankAccountId: stranger.account.id, transactionIds: stranger.ids, counterpartLabel: "Rent" })))
      .toEqual({ ok: false, error: "This bank account does not exist." });
    expect(inEnglish(await reconcileTransactions(db, actor, { bankAccountId: account.id, transactionIds: [ids[0]!, stranger.ids[0]!], counterpartLabel: "Rent" })))
      .toEqual({ ok: false, error: expect.stringContaining("not on this account") });
    expect(inEnglish(await reconcileTransactions(db, actor, { bankAccountId: account.id, transactionIds: ids, counterpartLabel: "   " })))
      .toEqual({ ok: false, error: "Enter a counterpart label." });
    await db.update(companies).set({ lockDate: "2026-11-03" }).where(eq(companies.id, actor.companyId));
    expect(inEnglish(await reconcileTransactions(db, actor, { bankAccountId: account.id, transactionIds: ids, counterpartLabel: "Rent" })))
      .toEqual({ ok: false, error: expect.stringContaining("lock date") });
    expect((await rowsOf([...ids, ...stranger.ids])).every((r) => r.reconciledAt === null)).toBe(true);
  });

  it("refuses to reconcile a line twice or to undo an open line", async () => {
    const { actor, account, ids } = await setup();
    await reconcileTransactions(db, actor, { bankAccountId: account.id, transactionIds: [ids[0]!], counterpartLabel: "Rent" });
    expect((await reconcileTransactions(db, actor, { bankAccountId: account.id, transactionIds: ids, counterpartLabel: "Other" })).ok).toBe(false);
    expect((await undoReconciliation(db, actor, { bankAccountId: account.id, transactionIds: ids })).ok).toBe(false);
    expect((await rowsOf(ids)).map((r) => r.counterpartLabel)).toEqual(["Rent", null]);
  });
});
