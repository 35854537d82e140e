/** The sentences a user reads about a sync run: on the dashboard card and in the connection log. */
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";

export function describeOutcome(input: {
  status: "succeeded";
  inserted: number;
  possibleDuplicates: number;
  /** A first sync: the earliest date the bank's history was read from. */
  historyFrom?: string | null;
  /** When the provider allows its next refresh, where it limits refreshing (Salt Edge). */
  nextRefreshAt?: Date | null;
}): StoredMessage {
  return storedMessage("outcome", {
    inserted: input.inserted,
    possibleDuplicates: input.possibleDuplicates,
    historyFromDate: input.historyFrom ?? "none",
    nextRefreshAt: input.nextRefreshAt?.toISOString() ?? "none",
  });
}

/**
 * The error codes of a run that only the user can fix (a password, an expired consent, the
 * bank asking to sign in again): the connection shows "Error" with Reconnect until a later
 * run succeeds (lib/connections/status).
 */
export const NEEDS_USER_CODES: readonly string[] = ["invalid_credentials", "consent_expired", "login_required"];
