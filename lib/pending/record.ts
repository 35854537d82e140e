/**
 * Keeps an account's pending lines apart from its books during a sync: stores the ones the
 * bank lists, links each one that posted to its posted line (the provider's own link
 * first, else a careful match), carries the user's note and partner over, and marks the
 * ones the bank dropped without posting. Runs inside the account's sync transaction, after
 * its posted lines were ingested. Pending lines never enter `transactions`.
 *
 * A dropped line is kept, not deleted: a posted line that names it later still links to it
 * (LATE_PROVIDER_LINK_DAYS), and one with a note or partner stays on the account page
 * until the user attaches it to a booked line or dismisses it (./dropped.ts).
 */
import { and, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { pendingTransactions, transactions } from "@/db/schema";
import { addDays } from "@/lib/dates";
import type { PendingFeed } from "./collect";
import { linkPendingToPosted } from "./link";
import { MAX_POSTING_DAYS, matchPendingToPosted } from "./match";

/**
 * How long after we marked a pending line dropped a posted line that names it (Plaid's
 * `pending_transaction_id`) still links to it. A cursor feed sends the removal and the
 * posted line as two changes that may land in different syncs (a page boundary, or the
 * posted line arriving a day or two later); the gap is the time between syncs, so a few
 * days would do, but a connection can sit waiting for the user to sign in again for
 * weeks. 30 days covers that, while the provider's link is exact (it names the id), so a
 * longer reach cannot link the wrong line; past it the note is still shown on the account
 * page to be attached by hand.
 */
export const LATE_PROVIDER_LINK_DAYS = 30;

/** A dropped line carrying something the user typed, for the connection log. */
export type DroppedWithNote = { bookingDate: string; description: string; amount: string; currency: string };

export type PendingSettlement = { linked: number; dropped: number; droppedWithNote: DroppedWithNote[] };

export async function settlePendingLines(
  tx: Tx,
  feed: PendingFeed,
  input: {
    bankAccountId: string;
    /** The dates this read covered. */
    window: { from: string; to: string };
    /**
     * True when the read listed everything the bank has in the window; false for a
     * cursor feed, which sends only changes: there a line missing from the read may
     * still be pending, and only a "removed" line is known to be gone.
     */
    fullRead: boolean;
    now: Date;
  },
): Promise<PendingSettlement> {
  const { bankAccountId, now } = input;
  await storeListed(tx, bankAccountId, feed, now);

  // Open: neither posted nor dropped. `posted_at` stays when a user later deletes the
  // posted line (the link itself is then cleared), so that line never turns pending again.
  // When a posted line names its pending line, one dropped lately counts too (a cursor
  // feed may have sent its removal in an earlier sync).
  const droppedSince = new Date(now.getTime() - LATE_PROVIDER_LINK_DAYS * 86_400_000);
  const unposted = await tx
    .select({
      id: pendingTransactions.id, onlineId: pendingTransactions.onlineTransactionId, bookingDate: pendingTransactions.bookingDate,
      amount: pendingTransactions.amount, currency: pendingTransactions.currency, description: pendingTransactions.description,
      note: pendingTransactions.note, userPartnerName: pendingTransactions.userPartnerName, droppedAt: pendingTransactions.droppedAt,
    })
    .from(pendingTransactions)
    .where(and(
      eq(pendingTransactions.bankAccountId, bankAccountId), isNull(pendingTransactions.postedAt),
      feed.postedLinks.size > 0 ? or(isNull(pendingTransactions.droppedAt), gte(pendingTransactions.droppedAt, droppedSince)) : isNull(pendingTransactions.droppedAt),
    ));
  if (unposted.length === 0) return { linked: 0, dropped: 0, droppedWithNote: [] };

  let linked = 0;
  const settled = new Set<number>();
  // The provider's own word first: the posted line names its pending id.
  if (feed.postedLinks.size > 0) {
    const byOnlineId = new Map(unposted.map((row) => [row.onlineId, row]));
    const wanted = [...feed.postedLinks].filter(([, pendingId]) => byOnlineId.has(pendingId));
    const postedIds = await postedIdsByOnlineId(tx, bankAccountId, wanted.map(([postedOnlineId]) => postedOnlineId));
    for (const [postedOnlineId, pendingOnlineId] of wanted) {
      const postedId = postedIds.get(postedOnlineId);
      const row = byOnlineId.get(pendingOnlineId)!;
      if (postedId === undefined || settled.has(row.id)) continue;
      if (await linkPendingToPosted(tx, row.id, postedId, "provider", now)) {
        settled.add(row.id);
        linked += 1;
      }
    }
  }

  // The bank no longer lists these as pending: posted under a new id, or dropped.
  const open = unposted.filter((row) => row.droppedAt === null);
  const gone = open.filter((row) => !settled.has(row.id) && (input.fullRead
    ? !feed.listed.has(row.onlineId) && row.bookingDate >= input.window.from && row.bookingDate <= input.window.to
    : feed.removedIds.has(row.onlineId)));
  if (gone.length === 0) return { linked, dropped: 0, droppedWithNote: [] };

  const candidates = await unlinkedPostedLines(tx, bankAccountId, gone);
  for (const [pendingId, postedId] of matchPendingToPosted(gone, candidates)) {
    if (await linkPendingToPosted(tx, pendingId, postedId, "match", now)) {
      settled.add(pendingId);
      linked += 1;
    }
  }

  // Kept as dropped; one with a note stays on the account page (./dropped.ts).
  const toDrop = gone.filter((row) => !settled.has(row.id));
  if (toDrop.length > 0) {
    await tx.update(pendingTransactions).set({ droppedAt: now }).where(inArray(pendingTransactions.id, toDrop.map((row) => row.id)));
  }
  const droppedWithNote = toDrop
    .filter((row) => row.note || row.userPartnerName)
    .map(({ bookingDate, description, amount, currency }) => ({ bookingDate, description, amount, currency }));
  return { linked, dropped: toDrop.length, droppedWithNote };
}

/** Inserts the listed lines or refreshes them (first seen kept); a line listed again after being dropped is back. */
async function storeListed(tx: Tx, bankAccountId: string, feed: PendingFeed, now: Date): Promise<void> {
  if (feed.listed.size === 0) return;
  const rows = [...feed.listed.values()].map((line) => ({
    bankAccountId,
    onlineTransactionId: line.providerTransactionId,
    bookingDate: line.bookingDate,
    valueDate: line.valueDate,
    amount: line.amount,
    currency: line.currency,
    description: line.description,
    partnerName: line.partnerName,
    partnerAccount: line.partnerAccount,
    reference: line.reference,
    firstSeenAt: now,
    lastSeenAt: now,
  }));
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  await tx
    .insert(pendingTransactions)
    .values(rows)
    .onConflictDoUpdate({
      target: [pendingTransactions.bankAccountId, pendingTransactions.onlineTransactionId],
      set: {
        bookingDate: excluded("booking_date"),
        valueDate: excluded("value_date"),
        amount: excluded("amount"),
        currency: excluded("currency"),
        description: excluded("description"),
        partnerName: excluded("partner_name"),
        partnerAccount: excluded("partner_account"),
        reference: excluded("reference"),
        lastSeenAt: excluded("last_seen_at"),
        droppedAt: null,
        // Listed again: pending once more, so an earlier "Dismiss" no longer holds.
        linkReason: null,
      },
      // A line already linked to its posted twin stays as it was.
      setWhere: isNull(pendingTransactions.postedAt),
    });
}

async function postedIdsByOnlineId(tx: Tx, bankAccountId: string, onlineIds: string[]): Promise<Map<string, number>> {
  if (onlineIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: transactions.id, onlineId: transactions.onlineTransactionId })
    .from(transactions)
    .where(and(eq(transactions.bankAccountId, bankAccountId), inArray(transactions.onlineTransactionId, onlineIds)));
  return new Map(rows.map((row) => [row.onlineId!, row.id]));
}

/** Posted lines that could be the twin of one of `gone`: right amounts and dates, not linked to another pending line yet. */
async function unlinkedPostedLines(tx: Tx, bankAccountId: string, gone: { bookingDate: string; amount: string }[]) {
  const dates = gone.map((row) => row.bookingDate).sort();
  return tx
    .select({ id: transactions.id, bookingDate: transactions.bookingDate, amount: transactions.amount, currency: transactions.currency, description: transactions.description })
    .from(transactions)
    .where(and(
      eq(transactions.bankAccountId, bankAccountId),
      sql`${transactions.bookingDate} between ${dates[0]!} and ${addDays(dates[dates.length - 1]!, MAX_POSTING_DAYS)}`,
      inArray(transactions.amount, [...new Set(gone.map((row) => row.amount))]),
      sql`not exists (select 1 from ${pendingTransactions} p where p.posted_transaction_id = ${transactions.id})`,
    ));
}
