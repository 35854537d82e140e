/**
 * The log line for a provider that limits refreshing, not reading (RefreshSession.refresh):
 * too early to refresh is not a failure, the data the provider holds is read all the same,
 * and the user learns when fresh data can next be asked for.
 */
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import type { RefreshSession } from "@/lib/providers/types";

export function refreshNote(refresh: NonNullable<RefreshSession["refresh"]>, providerLabel: string): StoredMessage {
  const nextAt = refresh.nextPossibleAt ? new Date(refresh.nextPossibleAt).toISOString() : null;
  if (refresh.refreshedNow) {
    return nextAt ? storedMessage("connections.refreshedNowNextAt", { provider: providerLabel, nextAt }) : storedMessage("connections.refreshedNow", { provider: providerLabel });
  }
  return nextAt ? storedMessage("connections.notRefreshedNextAt", { provider: providerLabel, nextAt }) : storedMessage("connections.notRefreshed", { provider: providerLabel });
}
