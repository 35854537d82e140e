/**
 * A pending line with the user's note that the bank stops listing while no booked line can
 * be linked for sure (here a tie: two equal coffees the next day) is not lost: it stays on
 * the account page with its note and the likely booked lines, until the user attaches the
 * note to one of them ("Attach note") or dismisses it. Called as the server actions with a
 * mocked session, against the test database.
 */
import { eq } from "drizzle-orm";
import { expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { connectionEvents, pendingTransactions, transactions } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { toIsoDate } from "@/lib/dates";
import type { ProviderTransaction } from "@/lib/providers/types";
import { formData } from "@/lib/testing/form-data";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { renderedHtml, visibleText } from "@/lib/testing/rendered";
import { signInAs } from "@/lib/testing/signed-in";
import { insertLines } from "@/lib/testing/transaction-rows";
import { PendingFeed } from "./collect";
import { listDroppedNotes } from "./dropped";
import { savePendingNote } from "./note";
import { pendingOrigins } from "./queries";
import { settlePendingLines } from "./record";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { attachDroppedNoteAction, dismissDroppedNoteAction } = await import("@/app/(app)/accounts/[id]/actions");
const { PendingLines } = await import("@/app/(app)/accounts/[id]/pending-lines");
const idle = { status: "idle" as const, message: null };

function pendingLine(id: string, bookingDate: string, amount: string, description: string): ProviderTransaction {
  return { providerTransactionId: id, status: "pending", bookingDate, valueDate: null, amount, currency: "EUR", description, partnerName: null, partnerAccount: null, reference: null };
}

async function read(bankAccountId: string, lines: ProviderTransaction[], at: string) {
  const feed = new PendingFeed(null);
  feed.see(lines);
  return db.transaction((tx) => settlePendingLines(tx, feed, {
    bankAccountId, window: { from: "2026-11-20", to: "2026-11-30" }, fullRead: true, now: new Date(`${at}T09:00:00Z`),
  }));
}

/** A coffee with the user's note, dropped by the bank the day two equal coffees were booked. */
async function tiedCoffee() {
  const { company, user } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  const scope = { companyId: company.id, bankAccountId: account.id };
  await read(account.id, [pendingLine("p-1", "2026-11-24", "-3.50", "CARD PAYMENT Coffee Corner 4411")], "2026-11-24");
  const [pending] = await db.select().from(pendingTransactions).where(eq(pendingTransactions.bankAccountId, account.id));
  await savePendingNote(db, { companyId: company.id, userId: user.id }, { bankAccountId: account.id, pendingId: pending!.id, note: "Client meeting", partnerName: "Coffee Corner GmbH" });
  const [first, second] = await insertLines(account.id, [
    { id: "t-1", date: "2026-11-25", amount: "-3.50", description: "Card payment Coffee Corner" },
    { id: "t-2", date: "2026-11-25", amount: "-3.50", description: "Card payment Coffee Corner" },
    { id: "t-3", date: "2026-11-25", amount: "-4.50", description: "Card payment Coffee Corner" },
  ]);
  const settled = await read(account.id, [], "2026-11-26");
  return { company, user, account, scope, pending: pending!, first: first!, second: second!, settled };
}

const notesOf = (bankAccountId: string) =>
  db.select({ id: transactions.id, note: transactions.note, partner: transactions.partnerName }).from(transactions)
    .where(eq(transactions.bankAccountId, bankAccountId)).orderBy(transactions.id);

it("keeps a tied line's note on the account page, with both booked lines it could be, and says so for the connection log", async () => {
  const { scope, pending, first, second, settled } = await tiedCoffee();
  expect(settled).toEqual({
    linked: 0, dropped: 1,
    droppedWithNote: [{ bookingDate: "2026-11-24", description: "CARD PAYMENT Coffee Corner 4411", amount: "-3.5000", currency: "EUR" }],
  });
  expect(await listDroppedNotes(db, scope)).toEqual([{
    id: pending.id, bookingDate: "2026-11-24", description: "CARD PAYMENT Coffee Corner 4411", amount: "-3.5000", currency: "EUR",
    note: "Client meeting", userPartnerName: "Coffee Corner GmbH",
    candidates: [
      { id: first, bookingDate: "2026-11-25", description: "Card payment Coffee Corner" },
      { id: second, bookingDate: "2026-11-25", description: "Card payment Coffee Corner" },
    ],
  }]);
  // Another company sees nothing of it.
  const stranger = await createCompanyWithUser(db);
  expect(await listDroppedNotes(db, { companyId: stranger.company.id, bankAccountId: scope.bankAccountId })).toEqual([]);
});

it("the account page's pending section shows the line with the user's note, the booked lines to attach it to, and Dismiss", async () => {
  const { company, account, first, second } = await tiedCoffee();
  const html = await renderedHtml((await PendingLines({ companyId: company.id, bankAccountId: account.id }))!);
  const row = /<tr[^>]*aria-label="No longer listed 24 Nov 2026 CARD PAYMENT Coffee Corner 4411[^"]*"[^>]*>([\s\S]*?)<\/tr>/.exec(html)?.[1];
  expect(row).toBeDefined();
  const text = visibleText(row!);
  expect(text).toContain("No longer listed by the bank");
  expect(text).toContain("Your note: Client meeting · Partner: Coffee Corner GmbH");
  expect([...row!.matchAll(/<option value="(\d+)"/g)].map((match) => Number(match[1]))).toEqual([first, second]);
  expect(text).toContain("Attach note");
  expect(row).toContain('aria-label="Dismiss 24 Nov 2026 CARD PAYMENT Coffee Corner 4411"');
});

it("a dropped line without a note is not shown: there is nothing of the user's to keep", async () => {
  const { company } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  await read(account.id, [pendingLine("p-1", "2026-11-24", "-9.00", "Parking")], "2026-11-24");
  expect(await read(account.id, [], "2026-11-25")).toEqual({ linked: 0, dropped: 1, droppedWithNote: [] });
  expect(await listDroppedNotes(db, { companyId: company.id, bankAccountId: account.id })).toEqual([]);
});

it("Attach note moves the note and partner to the booked line the user chose, adding to a note it already has, and logs it", async () => {
  const { user, account, scope, pending, first, second } = await tiedCoffee();
  await db.update(transactions).set({ note: "Paid by card" }).where(eq(transactions.id, second));
  signInAs(await loadMembership(db, user.id));

  expect(await attachDroppedNoteAction(idle, formData({ bankAccountId: account.id, pendingId: String(pending.id), transactionId: String(second) })))
    .toEqual({ status: "done", message: "Note attached to the booked transaction." });
  const notes = await notesOf(account.id);
  expect(notes.find((row) => row.id === second)).toMatchObject({ note: "Paid by card\nClient meeting", partner: "Coffee Corner GmbH" });
  expect(notes.find((row) => row.id === first)).toMatchObject({ note: null, partner: null });
  expect(await listDroppedNotes(db, scope)).toEqual([]);
  expect(await pendingOrigins(db, scope, [second])).toEqual({ [second]: expect.objectContaining({ pendingSince: toIsoDate(pending.firstSeenAt) }) });
  const [row] = await db.select().from(pendingTransactions).where(eq(pendingTransactions.id, pending.id));
  expect([row!.postedTransactionId, row!.linkReason, row!.droppedAt, row!.updatedBy]).toEqual([second, "user", null, user.id]);
  const log = await db.select().from(connectionEvents).where(eq(connectionEvents.bankAccountId, account.id));
  expect(log.map((event) => [event.level, event.message, event.actorUserId])).toEqual([[
    "user_action", 'Note of the pending line 2026-11-24 "CARD PAYMENT Coffee Corner 4411" attached by hand to the booked line 2026-11-25 "Card payment Coffee Corner".', user.id,
  ]]);

  // Done once: a second attempt changes nothing.
  const again = await attachDroppedNoteAction(idle, formData({ bankAccountId: account.id, pendingId: String(pending.id), transactionId: String(first) }));
  expect(again).toMatchObject({ status: "error", message: expect.stringMatching(/no longer waiting/) });
  expect((await notesOf(account.id)).find((line) => line.id === first)!.note).toBeNull();
});

it("Dismiss takes the line off the account page and keeps its note in the database", async () => {
  const { user, account, scope, pending } = await tiedCoffee();
  signInAs(await loadMembership(db, user.id));
  expect(await dismissDroppedNoteAction(idle, formData({ bankAccountId: account.id, pendingId: String(pending.id) }))).toEqual({ status: "done", message: "Dismissed." });
  expect(await listDroppedNotes(db, scope)).toEqual([]);
  const [row] = await db.select().from(pendingTransactions).where(eq(pendingTransactions.id, pending.id));
  expect([row!.note, row!.postedTransactionId, row!.linkReason]).toEqual(["Client meeting", null, "dismissed"]);
  expect((await notesOf(account.id)).every((line) => line.note === null)).toBe(true);
});

it("refuses another company's line, a booked line of another account, and input it cannot trust, changing nothing", async () => {
  const victim = await tiedCoffee();
  const me = await tiedCoffee();
  signInAs(await loadMembership(db, me.user.id));

  const theirs = { bankAccountId: victim.account.id, pendingId: String(victim.pending.id) };
  expect(await dismissDroppedNoteAction(idle, formData(theirs))).toMatchObject({ status: "error", message: expect.stringMatching(/no longer waiting/) });
  expect(await attachDroppedNoteAction(idle, formData({ ...theirs, transactionId: String(victim.first) }))).toMatchObject({ status: "error" });
  // My pending line onto their booked line.
  const crossed = await attachDroppedNoteAction(idle, formData({ bankAccountId: me.account.id, pendingId: String(me.pending.id), transactionId: String(victim.first) }));
  expect(crossed).toEqual({ status: "error", message: "That booked transaction is not on this account. Nothing was changed." });

  const hostile = [
    { bankAccountId: "not-a-uuid", pendingId: String(me.pending.id), transactionId: String(me.first) },
    { bankAccountId: me.account.id, pendingId: "-1", transactionId: String(me.first) },
    { bankAccountId: me.account.id, pendingId: String(me.pending.id), transactionId: "1e99" },
    { bankAccountId: me.account.id, pendingId: String(me.pending.id), transactionId: "" },
  ];
  for (const fields of hostile) {
    const result = await attachDroppedNoteAction(idle, formData(fields));
    expect(result.status).toBe("error");
    expect(result.message).toBeTruthy();
  }
  expect((await notesOf(victim.account.id)).every((line) => line.note === null)).toBe(true);
  expect((await notesOf(me.account.id)).every((line) => line.note === null)).toBe(true);
  expect(await listDroppedNotes(db, victim.scope)).toHaveLength(1);
  expect(await listDroppedNotes(db, me.scope)).toHaveLength(1);

  signInAs(null);
  await expect(dismissDroppedNoteAction(idle, formData({ bankAccountId: me.account.id, pendingId: String(me.pending.id) }))).rejects.toThrow(/login/);
});

