/**
 * The reconciliation tools' actions, called as a member of company A: with company B's
 * account or lines they are refused and nothing of B changes; hostile input gets a clear
 * answer and writes nothing. The session is mocked at lib/auth/membership, where the
 * actions read it.
 */
import { and, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, transactionDeletions, transactions } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { formData } from "@/lib/testing/form-data";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { insertLines } from "@/lib/testing/transaction-rows";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { deleteTransactionsAction, reconcileAction, undoReconciliationAction } = await import("./actions");
const { deleteDuplicatesAction } = await import("./duplicates/actions");
const { importMissingAction } = await import("./missing/actions");

const idle = { status: "idle" as const, message: null };
const form = formData;

let world: SandboxWorld;
let victim: { bankAccountId: string; lineIds: string[]; onlineIds: string[] };
let mine: { bankAccountId: string; lineIds: string[] };

beforeAll(async () => {
  world = await startSandboxWorld();
  process.env.SANDBOX_BASE_URL = world.server.baseUrl;
});
afterAll(async () => {
  await world.server.close();
});

beforeEach(async () => {
  const b = await connectBank(world, "Demo Bank 90 days", { username: "company-b" });
  const [account] = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, b.connectionId));
  const lines = await db.select().from(transactions).where(eq(transactions.bankAccountId, account!.id)).orderBy(transactions.id).limit(2);
  // One of B's lines is lost, so B's bank has a line B lacks.
  await db.delete(transactions).where(eq(transactions.id, lines[1]!.id));
  victim = { bankAccountId: account!.id, lineIds: [String(lines[0]!.id)], onlineIds: [lines[1]!.onlineTransactionId!] };

  const a = await createCompanyWithUser(db);
  const own = await createManualBankAccount(db, a.company.id);
  const ids = await insertLines(own.id, [{ id: "a1", date: "2026-11-03", amount: "-3.50" }, { id: "a2", date: "2026-11-03", amount: "-3.50" }]);
  mine = { bankAccountId: own.id, lineIds: ids.map(String) };
  signInAs(await loadMembership(db, a.user.id));
});

async function snapshotOfB() {
  const [lines] = await db.select({ n: count() }).from(transactions).where(eq(transactions.bankAccountId, victim.bankAccountId));
  const [reconciled] = await db.select({ n: count() }).from(transactions).where(and(eq(transactions.bankAccountId, victim.bankAccountId), isNotNull(transactions.reconciledAt)));
  const [deleted] = await db.select({ n: count() }).from(transactionDeletions);
  return { lines: lines!.n, reconciled: reconciled!.n, deleted: deleted!.n };
}

describe("a member of company A cannot use the tools on company B", () => {
  it("Reconcile, Undo reconciliation, Delete, Delete Selected and Import Transactions on B's account are refused", async () => {
    const before = await snapshotOfB();
    const onB = { bankAccountId: victim.bankAccountId, transactionId: victim.lineIds };
    expect(await reconcileAction(idle, form({ ...onB, counterpartLabel: "Rent" }))).toEqual({ status: "error", message: "This bank account does not exist." });
    expect(await undoReconciliationAction(idle, form(onB))).toEqual({ status: "error", message: "This bank account does not exist." });
    expect(await deleteTransactionsAction(idle, form({ ...onB, reason: "Not mine" }))).toEqual({ status: "error", message: "This bank account does not exist." });
    expect(await deleteDuplicatesAction(idle, form(onB))).toEqual({ status: "error", message: "This bank account does not exist." });
    expect(await importMissingAction(idle, form({ bankAccountId: victim.bankAccountId, startingDate: "2026-10-01", onlineTransactionId: victim.onlineIds })))
      .toEqual({ status: "error", message: "This bank account does not exist." });
    expect(await snapshotOfB()).toEqual(before);
  });

  it("B's lines slipped into a selection on A's own account are refused, and A's lines are left alone too", async () => {
    const before = await snapshotOfB();
    const mixed = { bankAccountId: mine.bankAccountId, transactionId: [...mine.lineIds, ...victim.lineIds] };
    expect((await reconcileAction(idle, form({ ...mixed, counterpartLabel: "Rent" }))).status).toBe("error");
    expect((await deleteTransactionsAction(idle, form(mixed))).status).toBe("error");
    expect((await deleteDuplicatesAction(idle, form(mixed))).status).toBe("error");
    expect(await snapshotOfB()).toEqual(before);
    const [own] = await db.select({ n: count() }).from(transactions).where(and(eq(transactions.bankAccountId, mine.bankAccountId), isNotNull(transactions.reconciledAt)));
    expect(own!.n).toBe(0);
    expect(await db.select().from(transactionDeletions)).toEqual([]);
  });
});

describe("hostile input gets a clear refusal and writes nothing", () => {
  it("malformed accounts, ids, labels and dates", async () => {
    const cases: [typeof reconcileAction, Record<string, string | string[]>, string][] = [
      [reconcileAction, { bankAccountId: "not-a-uuid", transactionId: mine.lineIds, counterpartLabel: "Rent" }, "Unknown bank account."],
      [reconcileAction, { bankAccountId: mine.bankAccountId, transactionId: ["1 or 1=1"], counterpartLabel: "Rent" }, "A selected transaction was not understood. Reload the page and select again."],
      [reconcileAction, { bankAccountId: mine.bankAccountId, transactionId: [], counterpartLabel: "Rent" }, "Select at least one transaction."],
      [reconcileAction, { bankAccountId: mine.bankAccountId, transactionId: mine.lineIds, counterpartLabel: "  " }, "Enter a counterpart label."],
      [reconcileAction, { bankAccountId: mine.bankAccountId, transactionId: mine.lineIds, counterpartLabel: "x".repeat(201) }, "The counterpart label is limited to 200 characters."],
      [deleteDuplicatesAction, { bankAccountId: mine.bankAccountId, transactionId: ["-1"] }, "A selected transaction was not understood. Reload the page and select again."],
      [undoReconciliationAction, { bankAccountId: mine.bankAccountId, transactionId: ["1e3"] }, "A selected transaction was not understood. Reload the page and select again."],
      [deleteDuplicatesAction, { bankAccountId: mine.bankAccountId, transactionId: Array.from({ length: 1001 }, (_, i) => String(i + 1)) }, "Select at most 1,000 transactions at a time."],
      [importMissingAction, { bankAccountId: mine.bankAccountId, startingDate: "2026-02-30", onlineTransactionId: "x" }, "Enter the Starting Date as a date."],
      [importMissingAction, { bankAccountId: mine.bankAccountId, startingDate: "2026-11-01" }, "Select at least one transaction to import."],
    ];
    for (const [action, fields, message] of cases) {
      const state = await action(idle, form(fields));
      expect(state.status).toBe("error");
      if (message) expect(state.message).toBe(message);
      else expect(state.message).toBeTruthy();
    }
    const [reconciled] = await db.select({ n: count() }).from(transactions).where(isNotNull(transactions.reconciledAt));
    expect(reconciled!.n).toBe(0);
    expect(await db.select().from(transactionDeletions)).toEqual([]);
  });

  it("importing into a manual account says a connection is needed", async () => {
    const state = await importMissingAction(idle, form({ bankAccountId: mine.bankAccountId, startingDate: "2026-11-01", onlineTransactionId: "a1" }));
    expect(state).toMatchObject({ status: "error", message: expect.stringContaining("needs an active connection") });
  });
});
