/** The sentences a user reads about a sync run: on the dashboard card and in the connection log. */
import { formatUtcMinute } from "@/lib/dates";

export function describeOutcome(input: {
  status: "succeeded";
  inserted: number;
  possibleDuplicates: number;
  /** A first sync: the earliest date the bank's history was read from. */
  historyFrom?: string | null;
  /** When the provider allows its next refresh, where it limits refreshing (Salt Edge). */
  nextRefreshAt?: Date | null;
}): string {
  const news =
    input.inserted === 0 ? "No new transactions" : input.inserted === 1 ? "1 new transaction" : `${input.inserted} new transactions`;
  const flagged = input.possibleDuplicates === 1 ? "1 possible duplicate" : `${input.possibleDuplicates} possible duplicates`;
  const parts = [input.possibleDuplicates === 0 ? news : `${news} (${flagged} to review)`];
  if (input.historyFrom) parts.push(`history read back to ${input.historyFrom}`);
  if (input.nextRefreshAt) parts.push(`next refresh possible after ${formatUtcMinute(input.nextRefreshAt)}`);
  return parts.join("; ");
}

/**
 * The error codes of a run that only the user can fix (a password, an expired consent, the
 * bank asking to sign in again): the connection shows "Error" with Reconnect until a later
 * run succeeds (lib/connections/status).
 */
export const NEEDS_USER_CODES: readonly string[] = ["invalid_credentials", "consent_expired", "login_required"];
