/**
 * "Add note" on a pending line, called as the server action with a mocked session: it
 * saves on the member's own line, and refuses another company's line and hostile input
 * with a clear message, changing nothing.
 */
import { eq } from "drizzle-orm";
import { expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { pendingTransactions } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { formData } from "@/lib/testing/form-data";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { savePendingNoteAction } = await import("@/app/(app)/accounts/[id]/actions");
const idle = { status: "idle" as const, message: null };

async function companyWithPendingLine() {
  const { company, user } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  const [row] = await db.insert(pendingTransactions).values({
    bankAccountId: account.id, onlineTransactionId: "pend-1", bookingDate: "2026-11-25", amount: "-18.40", currency: "EUR", description: "Card payment Taxi",
  }).returning();
  return { user, account, pending: row! };
}

const noteOf = async (id: number) => {
  const [row] = await db.select({ note: pendingTransactions.note, partner: pendingTransactions.userPartnerName }).from(pendingTransactions).where(eq(pendingTransactions.id, id));
  return row!;
};

it("saves the note and partner on the member's own pending line; empty fields clear them", async () => {
  const mine = await companyWithPendingLine();
  signInAs(await loadMembership(db, mine.user.id));
  const fields = { bankAccountId: mine.account.id, pendingId: String(mine.pending.id) };
  expect(await savePendingNoteAction(idle, formData({ ...fields, note: "  Airport transfer ", partnerName: "City Cabs" })))
    .toMatchObject({ status: "done" });
  expect(await noteOf(mine.pending.id)).toEqual({ note: "Airport transfer", partner: "City Cabs" });
  await savePendingNoteAction(idle, formData({ ...fields, note: "", partnerName: "" }));
  expect(await noteOf(mine.pending.id)).toEqual({ note: null, partner: null });
});

it("refuses another company's pending line, and input it cannot trust, changing nothing", async () => {
  const victim = await companyWithPendingLine();
  const me = await companyWithPendingLine();
  signInAs(await loadMembership(db, me.user.id));

  const theirs = await savePendingNoteAction(idle, formData({ bankAccountId: victim.account.id, pendingId: String(victim.pending.id), note: "mine", partnerName: "Me" }));
  expect(theirs).toMatchObject({ status: "error", message: expect.stringMatching(/no longer pending here/) });
  // Their line through my account id does not work either.
  const crossed = await savePendingNoteAction(idle, formData({ bankAccountId: me.account.id, pendingId: String(victim.pending.id), note: "mine", partnerName: "" }));
  expect(crossed.status).toBe("error");
  expect(await noteOf(victim.pending.id)).toEqual({ note: null, partner: null });

  const hostile = [
    { bankAccountId: "not-a-uuid", pendingId: String(me.pending.id), note: "x", partnerName: "" },
    { bankAccountId: me.account.id, pendingId: "-1", note: "x", partnerName: "" },
    { bankAccountId: me.account.id, pendingId: "1e99", note: "x", partnerName: "" },
    { bankAccountId: me.account.id, pendingId: String(me.pending.id), note: "x".repeat(2001), partnerName: "" },
    { bankAccountId: me.account.id, pendingId: String(me.pending.id), note: "", partnerName: "y".repeat(201) },
  ];
  for (const fields of hostile) {
    const result = await savePendingNoteAction(idle, formData(fields));
    expect(result.status).toBe("error");
    expect(result.message).toBeTruthy();
  }
  expect(await noteOf(me.pending.id)).toEqual({ note: null, partner: null });

  signInAs(null);
  await expect(savePendingNoteAction(idle, formData({ bankAccountId: me.account.id, pendingId: String(me.pending.id), note: "x", partnerName: "" }))).rejects.toThrow(/login/);
});
