/**
 * Which dates a sync asks the bank for, per account (DESIGN.md, "Sync rules").
 *
 * First sync of an account by a connection: from the day after the account's newest
 * transaction (lines imported from a file, or by an earlier connection, before this one
 * was made), or all the history the bank offers when the account has none.
 *
 * Every later sync re-reads a trailing overlap: from `overlapDays` before the newest line
 * this connection imported, because banks book lines late (under today's date after our
 * morning sync) and back-date them by a few days; the ingest skips what it already has.
 * The overlap never reaches back to the days the first sync left to other sources (the
 * `floor`), so a re-read never meets lines stored under another source's ids.
 *
 * Always: never on or before the company's lock date, never before the bank's history,
 * up to today.
 */
import { addDays } from "@/lib/dates";

/** How many days before its newest line a later sync re-reads, unless the provider says otherwise. */
export const DEFAULT_OVERLAP_DAYS = 7;

export type SyncWindow = {
  from: string;
  to: string;
  /** True when the bank's history limit, not our data, decided the start. */
  limitedByHistory: boolean;
  /** True when the lock date moved the start. */
  limitedByLockDate: boolean;
};

/** What this connection already imported into the account (lib/sync/window-facts.ts). */
export type SyncedSoFar = {
  /** The newest booking date among the lines this connection imported. */
  newestBookingDate: string;
  /** The first day this connection's reads may cover: the day after the newest line of another source before its own; null when none. */
  floor: string | null;
};

export function syncWindow(input: {
  /** The account's newest transaction, whatever its source. */
  newestBookingDate: string | null;
  /** Null until this connection has imported a line into the account: the next sync is then its first. */
  synced: SyncedSoFar | null;
  overlapDays: number;
  today: string;
  maxHistoryDays: number;
  lockDate: string | null;
}): SyncWindow | null {
  const oldestOffered = addDays(input.today, -input.maxHistoryDays);
  let from: string;
  let limitedByHistory: boolean;
  if (input.synced) {
    // A bank may list a line dated after today: the overlap still ends today at the latest.
    const overlapStart = addDays(input.synced.newestBookingDate, -input.overlapDays);
    from = overlapStart < input.today ? overlapStart : input.today;
    if (input.synced.floor && from < input.synced.floor) from = input.synced.floor;
    limitedByHistory = false;
  } else {
    from = input.newestBookingDate ? addDays(input.newestBookingDate, 1) : oldestOffered;
    limitedByHistory = input.newestBookingDate === null;
  }
  if (from < oldestOffered) {
    from = oldestOffered;
    limitedByHistory = true;
  }
  let limitedByLockDate = false;
  if (input.lockDate && from <= input.lockDate) {
    from = addDays(input.lockDate, 1);
    limitedByLockDate = true;
    limitedByHistory = false;
  }
  if (from > input.today) return null;
  return { from, to: input.today, limitedByHistory, limitedByLockDate };
}
