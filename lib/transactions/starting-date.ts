/**
 * The "Starting Date" of Find Duplicate Transactions and Find Missing Transactions: 30
 * days ago by default, and never on or before the company's lock date (nothing there may
 * be deleted or imported).
 */
import { addDays, isIsoDate } from "@/lib/dates";

export const DEFAULT_LOOKBACK_DAYS = 30;

export type StartingDate = {
  date: string;
  /** True when the requested date was on or before the lock date and was moved after it. */
  movedByLockDate: boolean;
};

export function resolveStartingDate(input: { requested?: string | null; today: string; lockDate: string | null }): StartingDate {
  const wanted = input.requested && isIsoDate(input.requested) ? input.requested : addDays(input.today, -DEFAULT_LOOKBACK_DAYS);
  if (input.lockDate && wanted <= input.lockDate) {
    return { date: addDays(input.lockDate, 1), movedByLockDate: Boolean(input.requested && isIsoDate(input.requested)) };
  }
  return { date: wanted, movedByLockDate: false };
}
