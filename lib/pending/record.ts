/**
 * Keeps an account's pending lines apart from its books during a sync: stores the ones the
 * bank lists, links each one that posted to its posted line (the provider's own link
 * first, else a careful match), carries the user's note and partner over, and marks the
 * ones the bank dropped without posting. Runs inside the account's sync transaction, after
 * its posted lines were ingested. Pending lines never enter `transactions`.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { pendingTransactions, transactions } from "@/db/schema";
import { addDays } from "@/lib/dates";
import type { PendingFeed } from "./collect";
import { MAX_POSTING_DAYS, matchPendingToPosted } from "./match";

export type PendingSettlement = { linked: number; dropped: number };

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
  const open = await tx
    .select({
      id: pendingTransactions.id, onlineId: pendingTransactions.onlineTransactionId, bookingDate: pendingTransactions.bookingDate,
      amount: pendingTransactions.amount, currency: pendingTransactions.currency, description: pendingTransactions.description,
    })
    .from(pendingTransactions)
    .where(and(eq(pendingTransactions.bankAccountId, bankAccountId), isNull(pendingTransactions.postedAt), isNull(pendingTransactions.droppedAt)));
  if (open.length === 0) return { linked: 0, dropped: 0 };

  let linked = 0;
  const settled = new Set<number>();
  // The provider's own word first: the posted line names its pending id.
  if (feed.postedLinks.size > 0) {
    const byOnlineId = new Map(open.map((row) => [row.onlineId, row]));
    const wanted = [...feed.postedLinks].filter(([, pendingId]) => byOnlineId.has(pendingId));
    const postedIds = await postedIdsByOnlineId(tx, bankAccountId, wanted.map(([postedOnlineId]) => postedOnlineId));
    for (const [postedOnlineId, pendingOnlineId] of wanted) {
      const postedId = postedIds.get(postedOnlineId);
      const row = byOnlineId.get(pendingOnlineId)!;
      if (postedId === undefined || settled.has(row.id)) continue;
      if (await link(tx, row.id, postedId, "provider", now)) {
        settled.add(row.id);
        linked += 1;
      }
    }
  }

  // The bank no longer lists these as pending: posted under a new id, or dropped.
  const gone = open.filter((row) => !settled.has(row.id) && (input.fullRead
    ? !feed.listed.has(row.onlineId) && row.bookingDate >= input.window.from && row.bookingDate <= input.window.to
    : feed.removedIds.has(row.onlineId)));
  if (gone.length === 0) return { linked, dropped: 0 };

  const candidates = await unlinkedPostedLines(tx, bankAccountId, gone);
  for (const [pendingId, postedId] of matchPendingToPosted(gone, candidates)) {
    if (await link(tx, pendingId, postedId, "match", now)) {
      settled.add(pendingId);
      linked += 1;
    }
  }

  const toDrop = gone.filter((row) => !settled.has(row.id)).map((row) => row.id);
  if (toDrop.length > 0) {
    await tx.update(pendingTransactions).set({ droppedAt: now }).where(inArray(pendingTransactions.id, toDrop));
  }
  return { linked, dropped: toDrop.length };
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

/**
 * Links one pending line to its posted line, moving what the user typed: the note when
 * the posted line has none, the partner when the user named one. False when either side
 * was taken meanwhile.
 */
async function link(tx: Tx, pendingId: number, postedId: number, reason: "provider" | "match", now: Date): Promise<boolean> {
  const [row] = await tx
    .update(pendingTransactions)
    .set({ postedTransactionId: postedId, postedAt: now, linkReason: reason, droppedAt: null })
    .where(and(
      eq(pendingTransactions.id, pendingId),
      isNull(pendingTransactions.postedAt),
      sql`not exists (select 1 from ${pendingTransactions} other where other.posted_transaction_id = ${postedId})`,
    ))
    .returning({ note: pendingTransactions.note, userPartnerName: pendingTransactions.userPartnerName });
  if (!row) return false;
  if (row.note || row.userPartnerName) {
    await tx
      .update(transactions)
      .set({
        ...(row.note ? { note: sql`coalesce(${transactions.note}, ${row.note})` } : {}),
        ...(row.userPartnerName ? { partnerName: row.userPartnerName } : {}),
      })
      .where(eq(transactions.id, postedId));
  }
  return true;
}
