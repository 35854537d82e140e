/**
 * Links one pending line to its posted line and moves what the user typed on it: the note
 * (added to a note the posted line already has, never replacing it, and not twice) and
 * the partner when the user named one. Used by the sync (./record.ts) and by "Attach note"
 * on a line the bank stopped listing (./dropped.ts).
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { pendingTransactions, transactions } from "@/db/schema";

/**
 * Why a pending line was linked: "provider" (the posted line names it), "match" (same
 * amount, close date, similar text), "user" (attached by hand from the account page).
 * A dropped line the user dismissed keeps "dismissed" there, with no posted line.
 */
export type LinkReason = "provider" | "match" | "user";
export const DISMISSED = "dismissed";

/** False when either side was taken meanwhile (the pending line posted, or the posted line has another pending line). */
export async function linkPendingToPosted(tx: Tx, pendingId: number, postedId: number, reason: LinkReason, now: Date): Promise<boolean> {
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
        ...(row.note ? { note: sql`case
          when coalesce(${transactions.note}, '') = '' then ${row.note}::text
          when strpos(${transactions.note}, ${row.note}::text) > 0 then ${transactions.note}
          else ${transactions.note} || E'\n' || ${row.note}::text end` } : {}),
        ...(row.userPartnerName ? { partnerName: row.userPartnerName } : {}),
      })
      .where(eq(transactions.id, postedId));
  }
  return true;
}
