/**
 * Pending lines the bank stopped listing without a booked line we could link (a tie the
 * sync would not guess, a posted line of another amount, a hold that lapsed) while they
 * carry a note or partner the user typed. They stay on the account page until the user
 * attaches them to a booked line by hand or dismisses them, so the note is never lost
 * from view. No new column: a dismissed line keeps `link_reason = 'dismissed'`.
 */
import "server-only";
import { and, asc, desc, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, pendingTransactions, transactions } from "@/db/schema";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvent } from "@/lib/connections/log";
import { addDays } from "@/lib/dates";
import { DISMISSED, linkPendingToPosted } from "./link";
import { MAX_POSTING_DAYS } from "./match";

export type BookedCandidate = { id: number; bookingDate: string; description: string };

export type DroppedNoteLine = {
  id: number;
  bookingDate: string;
  description: string;
  amount: string;
  currency: string;
  note: string | null;
  userPartnerName: string | null;
  /** Booked lines it could have become: same amount and currency, booked up to MAX_POSTING_DAYS later, not linked yet. */
  candidates: BookedCandidate[];
};

type Scope = { companyId: string; bankAccountId: string };
type Actor = { companyId: string; userId: string };

const MAX_CANDIDATES = 10;

const inCompany = (bankAccountId: string, companyId: string) =>
  sql`exists (select 1 from ${bankAccounts} where ${bankAccounts.id} = ${bankAccountId} and ${bankAccounts.companyId} = ${companyId})`;

/** Dropped, never posted, carrying a note or partner, not dismissed. */
const waitingForUser = and(
  isNotNull(pendingTransactions.droppedAt),
  isNull(pendingTransactions.postedAt),
  or(isNotNull(pendingTransactions.note), isNotNull(pendingTransactions.userPartnerName)),
  sql`${pendingTransactions.linkReason} is distinct from ${DISMISSED}`,
);

export async function listDroppedNotes(db: Db, scope: Scope): Promise<DroppedNoteLine[]> {
  const rows = await db
    .select({
      id: pendingTransactions.id, bookingDate: pendingTransactions.bookingDate, description: pendingTransactions.description,
      amount: pendingTransactions.amount, currency: pendingTransactions.currency,
      note: pendingTransactions.note, userPartnerName: pendingTransactions.userPartnerName,
    })
    .from(pendingTransactions)
    .where(and(eq(pendingTransactions.bankAccountId, scope.bankAccountId), inCompany(scope.bankAccountId, scope.companyId), waitingForUser))
    .orderBy(desc(pendingTransactions.bookingDate), asc(pendingTransactions.id));
  const lines: DroppedNoteLine[] = [];
  for (const row of rows) {
    const candidates = await db
      .select({ id: transactions.id, bookingDate: transactions.bookingDate, description: transactions.description })
      .from(transactions)
      .where(and(
        eq(transactions.bankAccountId, scope.bankAccountId),
        eq(transactions.currency, row.currency),
        sql`${transactions.amount} = ${row.amount}::numeric`,
        sql`${transactions.bookingDate} between ${row.bookingDate} and ${addDays(row.bookingDate, MAX_POSTING_DAYS)}`,
        sql`not exists (select 1 from ${pendingTransactions} p where p.posted_transaction_id = ${transactions.id})`,
      ))
      .orderBy(asc(transactions.bookingDate), asc(transactions.id))
      .limit(MAX_CANDIDATES);
    lines.push({ ...row, candidates });
  }
  return lines;
}

export type DroppedNoteResult = { ok: true } | { ok: false; error: StoredMessage };

const GONE = storedMessage("refusals.droppedLineGone");

/** "Attach note": links the dropped line to a booked line of the same account, moving its note and partner. */
export async function attachDroppedNote(
  db: Db,
  actor: Actor,
  input: { bankAccountId: string; pendingId: number; transactionId: number; now?: Date },
): Promise<DroppedNoteResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select({ id: pendingTransactions.id, description: pendingTransactions.description, bookingDate: pendingTransactions.bookingDate, connectionId: bankAccounts.connectionId })
      .from(pendingTransactions)
      .innerJoin(bankAccounts, eq(bankAccounts.id, pendingTransactions.bankAccountId))
      .where(and(
        eq(pendingTransactions.id, input.pendingId), eq(pendingTransactions.bankAccountId, input.bankAccountId),
        eq(bankAccounts.companyId, actor.companyId), waitingForUser,
      ))
      .for("update", { of: pendingTransactions });
    if (!pending) return { ok: false, error: GONE };
    const [booked] = await tx
      .select({ id: transactions.id, bookingDate: transactions.bookingDate, description: transactions.description })
      .from(transactions)
      .where(and(eq(transactions.id, input.transactionId), eq(transactions.bankAccountId, input.bankAccountId)));
    if (!booked) return { ok: false, error: storedMessage("refusals.bookedLineNotOnAccount") };
    if (!(await linkPendingToPosted(tx, pending.id, booked.id, "user", now))) {
      return { ok: false, error: storedMessage("refusals.bookedLineTaken") };
    }
    await tx.update(pendingTransactions).set({ updatedBy: actor.userId, updatedAt: now }).where(eq(pendingTransactions.id, pending.id));
    await logConnectionEvent(tx, {
      companyId: actor.companyId, connectionId: pending.connectionId, bankAccountId: input.bankAccountId, level: "user_action", actorUserId: actor.userId,
      message: storedMessage("connections.pendingNoteAttached", {
        pendingDate: pending.bookingDate, pendingDescription: pending.description, bookedDate: booked.bookingDate, bookedDescription: booked.description,
      }),
    });
    return { ok: true };
  });
}

/** "Dismiss": the user has what they need from the note; the line leaves the account page (its note is kept in the database). */
export async function dismissDroppedNote(
  db: Db,
  actor: Actor,
  input: { bankAccountId: string; pendingId: number; now?: Date },
): Promise<DroppedNoteResult> {
  const now = input.now ?? new Date();
  const updated = await db
    .update(pendingTransactions)
    .set({ linkReason: DISMISSED, updatedBy: actor.userId, updatedAt: now })
    .where(and(
      eq(pendingTransactions.id, input.pendingId), eq(pendingTransactions.bankAccountId, input.bankAccountId),
      inCompany(input.bankAccountId, actor.companyId), waitingForUser,
    ))
    .returning({ id: pendingTransactions.id });
  return updated.length === 0 ? { ok: false, error: GONE } : { ok: true };
}

