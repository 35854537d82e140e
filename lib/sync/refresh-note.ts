/**
 * The log line for a provider that limits refreshing, not reading (RefreshSession.refresh):
 * too early to refresh is not a failure, the data the provider holds is read all the same,
 * and the user learns when fresh data can next be asked for.
 */
import { formatUtcMinute } from "@/lib/dates";
import type { RefreshSession } from "@/lib/providers/types";

export function refreshNote(refresh: NonNullable<RefreshSession["refresh"]>, providerLabel: string): string {
  const next = refresh.nextPossibleAt ? formatUtcMinute(new Date(refresh.nextPossibleAt)) : null;
  if (refresh.refreshedNow) {
    return next ? `${providerLabel} fetched fresh data from the bank; its next refresh is possible after ${next}.` : `${providerLabel} fetched fresh data from the bank.`;
  }
  return next
    ? `${providerLabel} refreshed this connection recently and allows the next refresh after ${next}; the transactions it already holds were read.`
    : `${providerLabel} could not refresh this connection now; the transactions it already holds were read.`;
}
