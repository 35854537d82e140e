/**
 * Reads one account's transactions for a date window and applies them in one database
 * transaction (a failure half-way leaves the account as it was): posted lines to the
 * ingest, the bank's corrections, pending lines that posted or vanished, and lines the
 * bank withdrew (flagged, never deleted).
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { transactions } from "@/db/schema";
import { PendingFeed } from "@/lib/pending/collect";
import { settlePendingLines, type DroppedWithNote } from "@/lib/pending/record";
import type { CallMeter, Provider, ProviderTransaction } from "@/lib/providers/types";
import { applyCorrections } from "./apply-corrections";
import { BatchedIngest, prefetchNext } from "./batched-ingest";
import type { IngestLine } from "./ingest";

export type WindowCounts = {
  fetched: number; inserted: number; skipped: number; possibleDuplicates: number; removed: number; pendingPosted: number;
  corrected: number; reconciledChanged: number; pendingDroppedWithNote: DroppedWithNote[];
  /** The earliest booking date the bank returned, for the first read's history line. */
  oldestBooked: string | null;
};

export async function readAccountWindow(
  db: Db,
  provider: Provider,
  session: Awaited<ReturnType<Provider["openRefresh"]>>,
  input: { bankAccountId: string; providerAccountId: string; runId: string; window: { from: string; to: string }; lockDate: string | null; now: Date; meter?: CallMeter },
): Promise<WindowCounts> {
  const counts: WindowCounts = {
    fetched: 0, inserted: 0, skipped: 0, possibleDuplicates: 0, removed: 0, pendingPosted: 0, corrected: 0, reconciledChanged: 0,
    pendingDroppedWithNote: [], oldestBooked: null,
  };
  const removedIds: string[] = [];
  const corrections: (IngestLine & { onlineTransactionId: string })[] = [];
  await db.transaction(async (tx) => {
    const writer = new BatchedIngest(tx, { bankAccountId: input.bankAccountId, syncRunId: input.runId });
    const pendingFeed = new PendingFeed(input.lockDate);
    const pages = provider.getTransactions(session, { providerAccountId: input.providerAccountId, from: input.window.from, to: input.window.to }, input.meter);
    try {
      // The next page is on its way while this one is written.
      for await (const page of prefetchNext(pages)) {
        // A cursor-based provider sends what changed whatever its date: the lock date still holds.
        const posted = page.filter((t: ProviderTransaction) => t.status === "posted" && (!input.lockDate || t.bookingDate > input.lockDate));
        removedIds.push(...page.filter((t) => t.status === "removed").map((t) => t.providerTransactionId));
        pendingFeed.see(page);
        counts.fetched += posted.length;
        const lines: IngestLine[] = [];
        for (const t of posted) {
          if (!counts.oldestBooked || t.bookingDate < counts.oldestBooked) counts.oldestBooked = t.bookingDate;
          const line = {
            onlineTransactionId: t.providerTransactionId,
            bookingDate: t.bookingDate,
            valueDate: t.valueDate,
            amount: t.amount,
            currency: t.currency,
            description: t.description,
            partnerName: t.partnerName,
            partnerAccount: t.partnerAccount,
            reference: t.reference,
          };
          lines.push(line);
          if (t.modified) corrections.push(line);
        }
        await writer.add(lines);
      }
    } catch (error) {
      await writer.stop(error);
      throw error;
    }
    const written = await writer.finish();
    counts.inserted = written.inserted;
    counts.skipped = written.skipped;
    counts.possibleDuplicates = written.possibleDuplicates;
    const corrected = await applyCorrections(tx, { bankAccountId: input.bankAccountId, lines: corrections });
    counts.corrected = corrected.updated;
    counts.reconciledChanged = corrected.reconciledChanged;
    const pending = await settlePendingLines(tx, pendingFeed, { bankAccountId: input.bankAccountId, window: input.window, fullRead: !provider.cursorAfter, now: input.now });
    counts.pendingPosted = pending.linked;
    counts.pendingDroppedWithNote = pending.droppedWithNote;
    if (removedIds.length > 0) {
      // Never deleted: the line may be reconciled already; the user reviews it.
      const flagged = await tx
        .update(transactions)
        .set({ removedAtProviderAt: input.now })
        .where(and(
          eq(transactions.bankAccountId, input.bankAccountId),
          inArray(transactions.onlineTransactionId, removedIds),
          isNull(transactions.removedAtProviderAt),
        ))
        .returning({ id: transactions.id });
      counts.removed = flagged.length;
    }
  });
  return counts;
}
