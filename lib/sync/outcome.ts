/** The sentences a user reads about a sync run: on the dashboard card and in the connection log. */
import { ConsentExpired, InvalidCredentials, type ProviderError } from "@/lib/providers/errors";

export function describeOutcome(input: { status: "succeeded"; inserted: number; possibleDuplicates: number }): string {
  const news =
    input.inserted === 0 ? "No new transactions" : input.inserted === 1 ? "1 new transaction" : `${input.inserted} new transactions`;
  if (input.possibleDuplicates === 0) return news;
  const flagged = input.possibleDuplicates === 1 ? "1 possible duplicate" : `${input.possibleDuplicates} possible duplicates`;
  return `${news} (${flagged} to review)`;
}

/**
 * How a provider error affects the connection. Errors that only the user can fix (a
 * password, an expired consent) put the connection in the error state; the others leave
 * it active for the next attempt.
 */
export function providerErrorOutcome(error: ProviderError): { message: string; connectionNeedsUser: boolean } {
  return {
    message: error.message,
    connectionNeedsUser: error instanceof InvalidCredentials || error instanceof ConsentExpired,
  };
}
