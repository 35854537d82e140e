/** The automatic synchronization interval: twelve hours, or SYNC_INTERVAL_MINUTES (fractions allowed, for tests). */
export const DEFAULT_SYNC_INTERVAL_MS = 12 * 60 * 60_000;

export function syncIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.SYNC_INTERVAL_MINUTES);
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60_000) : DEFAULT_SYNC_INTERVAL_MS;
}
