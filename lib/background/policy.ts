/**
 * The one schedule policy of both background engines (the built-in scheduler and
 * Inngest): how many connections a fan-out reads at a time, which connection counts as
 * synchronized recently, and how often a transient provider error is retried.
 */
import type { Db } from "@/db/client";
import { selectEligibleConnections, type EligibleConnection } from "@/lib/sync/eligible";

export const SYNC_POLICY = {
  /** Connections per page of the fan-out. */
  pageSize: 200,
  /**
   * Transient provider errors (network, 5xx) are retried this many times (three attempts
   * in all); the built-in scheduler waits these delays, Inngest its own backoff.
   */
  transientRetryDelaysMs: [2_000, 10_000],
} as const;

export const TRANSIENT_RETRIES = SYNC_POLICY.transientRetryDelaysMs.length;

/** A connection synchronized (by hand, a webhook or the schedule) within half an interval is left alone. */
export function recentlySyncedSince(now: Date, intervalMs: number): Date {
  return new Date(now.getTime() - intervalMs / 2);
}

/** One page of the connections the schedule asks to synchronize now. */
export function scheduledPage(
  db: Db,
  input: { now: Date; afterId: string | null; intervalMs: number; pageSize?: number },
): Promise<EligibleConnection[]> {
  return selectEligibleConnections(db, {
    now: input.now, afterId: input.afterId, limit: input.pageSize ?? SYNC_POLICY.pageSize, notSyncedSince: recentlySyncedSince(input.now, input.intervalMs),
  });
}
