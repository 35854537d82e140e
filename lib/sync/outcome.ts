/** The sentences a user reads about a sync run: on the dashboard card and in the connection log. */

export function describeOutcome(input: { status: "succeeded"; inserted: number; possibleDuplicates: number }): string {
  const news =
    input.inserted === 0 ? "No new transactions" : input.inserted === 1 ? "1 new transaction" : `${input.inserted} new transactions`;
  if (input.possibleDuplicates === 0) return news;
  const flagged = input.possibleDuplicates === 1 ? "1 possible duplicate" : `${input.possibleDuplicates} possible duplicates`;
  return `${news} (${flagged} to review)`;
}

/**
 * The error codes of a run that only the user can fix (a password, an expired consent, the
 * bank asking to sign in again): the connection shows "Error" with Reconnect until a later
 * run succeeds (lib/connections/status).
 */
export const NEEDS_USER_CODES: readonly string[] = ["invalid_credentials", "consent_expired", "login_required"];
