/**
 * "Delete" on the account page (deleteTransactionsAction): it deletes the company's own
 * unreconciled lines and remembers who, when and why; anything else (another company's
 * lines, a reconciled or locked line in the selection, hostile input) is refused with a
 * clear message and changes nothing. The session is mocked at lib/auth/membership.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { companies, connectionEvents, transactionDeletions, transactions } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { formData } from "@/lib/testing/form-data";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/signed-in";
import { insertLines } from "@/lib/testing/transaction-rows";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { deleteTransactionsAction } = await import("./actions");
const idle = { status: "idle" as const, message: null };

let mine: { companyId: string; userId: string; bankAccountId: string; lineIds: string[]; reconciledId: string };
let theirs: { bankAccountId: string; lineIds: string[] };

beforeEach(async () => {
  const b = await createCompanyWithUser(db);
  const theirAccount = await createManualBankAccount(db, b.company.id);
  theirs = { bankAccountId: theirAccount.id, lineIds: (await insertLines(theirAccount.id, [{ id: "b1", date: "2026-11-04", amount: "-9.90" }])).map(String) };

  const a = await createCompanyWithUser(db);
  const own = await createManualBankAccount(db, a.company.id);
  const ids = await insertLines(own.id, [
    { id: "a1", date: "2026-11-03", amount: "-3.50", description: "Coffee" },
    { id: "a2", date: "2026-11-05", amount: "-12.00", description: "Taxi" },
    { id: "a3", date: "2026-11-06", amount: "-40.00", description: "Printer paper", reconciled: true },
  ]);
  mine = { companyId: a.company.id, userId: a.user.id, bankAccountId: own.id, lineIds: ids.slice(0, 2).map(String), reconciledId: String(ids[2]) };
  signInAs(await loadMembership(db, a.user.id));
});

const linesOf = async (bankAccountId: string) => (await db.select({ id: transactions.id }).from(transactions).where(eq(transactions.bankAccountId, bankAccountId))).length;

describe("deleteTransactionsAction", () => {
  it("deletes the selected lines and remembers who, when and why (the reason typed, marked as a deletion by hand)", async () => {
    const before = Date.now();
    const state = await deleteTransactionsAction(idle, formData({ bankAccountId: mine.bankAccountId, transactionId: mine.lineIds, reason: "  Charged twice by the bank  " }));
    expect(state).toEqual({ status: "done", message: "2 transactions deleted. Restore them from Find Missing Transactions." });
    expect(await linesOf(mine.bankAccountId)).toBe(1);

    const deletions = await db.select().from(transactionDeletions).orderBy(transactionDeletions.id);
    expect(deletions.map((d) => ({ account: d.bankAccountId, onlineId: d.onlineTransactionId, date: d.bookingDate, amount: d.amount, reason: d.reason, by: d.deletedBy }))).toEqual([
      { account: mine.bankAccountId, onlineId: "a1", date: "2026-11-03", amount: "-3.5000", reason: "Deleted by hand: Charged twice by the bank", by: mine.userId },
      { account: mine.bankAccountId, onlineId: "a2", date: "2026-11-05", amount: "-12.0000", reason: "Deleted by hand: Charged twice by the bank", by: mine.userId },
    ]);
    for (const d of deletions) expect(d.deletedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const [event] = await db.select().from(connectionEvents).where(eq(connectionEvents.bankAccountId, mine.bankAccountId));
    expect(event).toMatchObject({ actorUserId: mine.userId, level: "user_action", message: "Main account: 2 transactions deleted (Deleted by hand: Charged twice by the bank)." });
  });

  it("without a reason records just \"Deleted by hand\", and markup in a reason is kept as plain text", async () => {
    expect(await deleteTransactionsAction(idle, formData({ bankAccountId: mine.bankAccountId, transactionId: mine.lineIds[0]!, reason: "   " })))
      .toEqual({ status: "done", message: "1 transaction deleted. Restore it from Find Missing Transactions." });
    expect(await deleteTransactionsAction(idle, formData({ bankAccountId: mine.bankAccountId, transactionId: mine.lineIds[1]!, reason: "<script>alert(1)</script>" })))
      .toMatchObject({ status: "done" });
    const reasons = (await db.select({ reason: transactionDeletions.reason }).from(transactionDeletions).orderBy(transactionDeletions.id)).map((d) => d.reason);
    expect(reasons).toEqual(["Deleted by hand", "Deleted by hand: <script>alert(1)</script>"]);
  });

  it("refuses another company's account, and another company's line slipped into a selection, changing nothing", async () => {
    expect(await deleteTransactionsAction(idle, formData({ bankAccountId: theirs.bankAccountId, transactionId: theirs.lineIds, reason: "" })))
      .toEqual({ status: "error", message: "This bank account does not exist." });
    expect(await deleteTransactionsAction(idle, formData({ bankAccountId: mine.bankAccountId, transactionId: [...mine.lineIds, ...theirs.lineIds] })))
      .toEqual({ status: "error", message: "Some of the selected transactions are not on this account. Nothing was deleted." });
    expect(await linesOf(theirs.bankAccountId)).toBe(1);
    expect(await linesOf(mine.bankAccountId)).toBe(3);
    expect(await db.select().from(transactionDeletions)).toEqual([]);
  });

  it("refuses a selection with a reconciled line and deletes none of it", async () => {
    const state = await deleteTransactionsAction(idle, formData({ bankAccountId: mine.bankAccountId, transactionId: [...mine.lineIds, mine.reconciledId], reason: "Tidy up" }));
    expect(state).toEqual({ status: "error", message: "1 transaction of the selection is reconciled and cannot be deleted. Undo the reconciliation first. Nothing was deleted." });
    expect(await linesOf(mine.bankAccountId)).toBe(3);
    expect(await db.select().from(transactionDeletions)).toEqual([]);
  });

  it("refuses a selection with a line on or before the lock date and deletes none of it", async () => {
    await db.update(companies).set({ lockDate: "2026-11-04" }).where(eq(companies.id, mine.companyId));
    const state = await deleteTransactionsAction(idle, formData({ bankAccountId: mine.bankAccountId, transactionId: mine.lineIds }));
    expect(state).toEqual({ status: "error", message: "1 transaction of the selection is dated on or before the lock date (4 Nov 2026) and cannot be deleted. Nothing was deleted." });
    expect(await linesOf(mine.bankAccountId)).toBe(3);
  });

  it("answers hostile input with a clear message and writes nothing", async () => {
    const account = mine.bankAccountId;
    const notUnderstood = "A selected transaction was not understood. Reload the page and select again.";
    const cases: [Record<string, string | string[]>, string][] = [
      [{ bankAccountId: "<script>alert(1)</script>", transactionId: mine.lineIds }, "Unknown bank account."],
      [{ bankAccountId: account, transactionId: [] }, "Select at least one transaction."],
      [{ bankAccountId: account, transactionId: Array.from({ length: 100_000 }, () => "1") }, "Select at most 1,000 transactions at a time."],
      [{ bankAccountId: account, transactionId: ["1 or 1=1"] }, notUnderstood],
      [{ bankAccountId: account, transactionId: ["<script>alert(1)</script>"] }, notUnderstood],
      [{ bankAccountId: account, transactionId: ["-1"] }, notUnderstood],
      [{ bankAccountId: account, transactionId: ["0"] }, notUnderstood],
      [{ bankAccountId: account, transactionId: ["1.5"] }, notUnderstood],
      [{ bankAccountId: account, transactionId: ["1e3"] }, notUnderstood],
      [{ bankAccountId: account, transactionId: ["99999999999999999"] }, notUnderstood],
      [{ bankAccountId: account, transactionId: mine.lineIds, reason: "x".repeat(301) }, "The reason is limited to 300 characters."],
    ];
    for (const [fields, message] of cases) {
      expect(await deleteTransactionsAction(idle, formData(fields))).toEqual({ status: "error", message });
    }
    const upload = formData({ bankAccountId: account, transactionId: mine.lineIds });
    upload.append("reason", new Blob(["a file"]), "reason.txt");
    expect(await deleteTransactionsAction(idle, upload)).toEqual({ status: "error", message: "The reason must be text." });
    expect(await linesOf(account)).toBe(3);
    expect(await db.select().from(transactionDeletions)).toEqual([]);
  });
});
