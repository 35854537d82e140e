/**
 * How far back a bank's history goes, as a sync learns it. Where the provider publishes no
 * per-bank history (Enable Banking), the institution promises the longest history PSD2 banks
 * commonly keep; a bank that keeps less refuses the period (HistoryPeriodRefused), and the
 * account is read again from the next shorter step. What the bank accepted is remembered on
 * the institution (lib/institutions/history-days.ts), so the next first sync at that bank
 * asks for it at once.
 */
import { addDays } from "@/lib/dates";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { HistoryPeriodRefused } from "@/lib/providers/errors";

/** The history lengths asked for in turn, longest first (days before today). */
export const HISTORY_STEPS = [730, 365, 180, 90] as const;

type Window = { from: string; to: string };

/**
 * Reads `window` with `read`; when the bank refuses its start, reads again from the next
 * step that starts later. `acceptedDays` is that step, null when the first ask was accepted.
 * A refusal with no shorter step left is the run's failure.
 */
export async function readWithinBankHistory<T>(
  input: { today: string; window: Window },
  read: (window: Window) => Promise<T>,
): Promise<{ result: T; window: Window; acceptedDays: number | null }> {
  let window = input.window;
  let acceptedDays: number | null = null;
  for (;;) {
    try {
      return { result: await read(window), window, acceptedDays };
    } catch (error) {
      if (!(error instanceof HistoryPeriodRefused)) throw error;
      const shorter = HISTORY_STEPS.find((days) => addDays(input.today, -days) > window.from);
      if (shorter === undefined) throw error;
      window = { from: addDays(input.today, -shorter), to: window.to };
      acceptedDays = shorter;
    }
  }
}

/** The log line of an account's first read: how far back the bank's history went. */
export function firstReadHistoryMessage(input: {
  accountName: string;
  institutionName: string;
  from: string;
  today: string;
  oldestBooked: string | null;
  /** Set when the bank refused a longer history and this is what it accepted. */
  acceptedDays: number | null;
}): StoredMessage {
  const days = Math.round((Date.parse(input.today) - Date.parse(input.from)) / 86_400_000);
  return storedMessage("connections.firstReadHistory", {
    account: input.accountName, institution: input.institutionName, fromDate: input.from, days,
    // "none" picks the catalogue's branch without the sentence (ICU select).
    acceptedDays: input.acceptedDays === null ? "none" : String(input.acceptedDays),
    oldestDate: input.oldestBooked ?? "none",
  });
}
