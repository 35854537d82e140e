/**
 * What a sync's read of one account says about pending lines, gathered page by page while
 * the posted lines stream to the ingest: the pending lines listed, the posted lines that
 * name the pending line they replace, and the ids the provider withdrew. Small by nature
 * (a bank lists a handful of pending lines), so it is kept in memory.
 */
import type { ProviderTransaction } from "@/lib/providers/types";

export class PendingFeed {
  /** Pending lines listed in this read, by online id (a repeated page keeps the first copy). */
  readonly listed = new Map<string, ProviderTransaction>();
  /** Posted online id -> the pending online id the provider says it replaces. */
  readonly postedLinks = new Map<string, string>();
  readonly removedIds = new Set<string>();

  /** `lockDate`: nothing on or before it is kept, pending or not. */
  constructor(private readonly lockDate: string | null) {}

  see(page: ProviderTransaction[]): void {
    for (const line of page) {
      if (line.status === "removed") {
        this.removedIds.add(line.providerTransactionId);
        continue;
      }
      if (this.lockDate && line.bookingDate <= this.lockDate) continue;
      if (line.status === "pending") {
        if (!this.listed.has(line.providerTransactionId)) this.listed.set(line.providerTransactionId, line);
      } else if (line.pendingTransactionId) {
        this.postedLinks.set(line.providerTransactionId, line.pendingTransactionId);
      }
    }
  }
}
