/**
 * Which dates a sync asks the bank for, per account (DESIGN.md, "Sync rules"): from the
 * day after the newest stored transaction, or all the history the bank offers when there
 * is none; never on or before the company's lock date; up to today.
 */
import { addDays } from "@/lib/dates";

export type SyncWindow = {
  from: string;
  to: string;
  /** True when the bank's history limit, not our data, decided the start. */
  limitedByHistory: boolean;
  /** True when the lock date moved the start. */
  limitedByLockDate: boolean;
};

export function syncWindow(input: {
  newestBookingDate: string | null;
  today: string;
  maxHistoryDays: number;
  lockDate: string | null;
}): SyncWindow | null {
  const oldestOffered = addDays(input.today, -input.maxHistoryDays);
  let from = input.newestBookingDate ? addDays(input.newestBookingDate, 1) : oldestOffered;
  let limitedByHistory = input.newestBookingDate === null;
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
