/**
 * "Not a duplicate" as a member of company A: B's account and lines are refused and
 * nothing is stored; hostile input gets a clear answer; A's own group is remembered.
 * The session is mocked at lib/auth/membership, where the action reads it.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { notDuplicatePairs } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { formData } from "@/lib/testing/form-data";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { insertLines } from "@/lib/testing/transaction-rows";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { notDuplicateAction } = await import("./actions");
const idle = { status: "idle" as const, message: null };

let mine: { bankAccountId: string; ids: string[] };
let theirs: { bankAccountId: string; ids: string[] };

beforeEach(async () => {
  const twoCoffees = [{ id: "a", date: "2026-11-03", amount: "-3.50" }, { id: "b", date: "2026-11-03", amount: "-3.50" }];
  const b = await createCompanyWithUser(db);
  const bAccount = await createManualBankAccount(db, b.company.id);
  theirs = { bankAccountId: bAccount.id, ids: (await insertLines(bAccount.id, twoCoffees)).map(String) };
  const a = await createCompanyWithUser(db);
  const aAccount = await createManualBankAccount(db, a.company.id);
  mine = { bankAccountId: aAccount.id, ids: (await insertLines(aAccount.id, twoCoffees)).map(String) };
  signInAs(await loadMembership(db, a.user.id));
});

describe("notDuplicateAction", () => {
  it("refuses another company's account or lines, and bad input, storing nothing", async () => {
    const call = (fields: Record<string, string | string[]>) => notDuplicateAction(idle, formData(fields));
    expect(await call({ bankAccountId: theirs.bankAccountId, reason: "fingerprint", transactionId: theirs.ids }))
      .toEqual({ status: "error", message: "This bank account does not exist." });
    expect(await call({ bankAccountId: mine.bankAccountId, reason: "fingerprint", transactionId: [mine.ids[0]!, theirs.ids[0]!] }))
      .toEqual({ status: "error", message: "Some of these transactions do not exist. Nothing was changed." });
    expect(await call({ bankAccountId: mine.bankAccountId, reason: "because", transactionId: mine.ids }))
      .toEqual({ status: "error", message: "Unknown reason." });
    expect(await call({ bankAccountId: mine.bankAccountId, reason: "fingerprint", transactionId: [mine.ids[0]!] }))
      .toEqual({ status: "error", message: "A group has at least two transactions." });
    expect(await call({ bankAccountId: "1; drop table transactions", reason: "fingerprint", transactionId: mine.ids }))
      .toEqual({ status: "error", message: "Unknown bank account." });
    expect(await db.select().from(notDuplicatePairs)).toEqual([]);
  });

  it("remembers the signed-in company's own group", async () => {
    expect(await notDuplicateAction(idle, formData({ bankAccountId: mine.bankAccountId, reason: "fingerprint", transactionId: mine.ids })))
      .toEqual({ status: "done", message: '2 transactions marked "Not a duplicate".' });
    expect((await db.select().from(notDuplicatePairs)).map((pair) => pair.bankAccountId)).toEqual([mine.bankAccountId]);
  });

  it("sends a signed-out visitor to the sign-in page", async () => {
    signInAs(null);
    await expect(notDuplicateAction(idle, formData({ bankAccountId: mine.bankAccountId, reason: "fingerprint", transactionId: mine.ids }))).rejects.toThrow("NEXT_REDIRECT");
  });
});
