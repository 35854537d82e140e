/**
 * Consents left unfinished at the bank (the tab closed on the consent page): once their
 * single-use link state has expired nobody can complete them. The consent the provider
 * already holds for them (a GoCardless requisition and its agreement) is deleted there,
 * and a connection that was never completed is shown as "Consent refused", with automatic
 * synchronization off and Connect again; a Reconnect left unfinished keeps its connection
 * as it was. Run before the company starts another connection, and for every company by
 * the background housekeeping, so a refused-by-silence consent does not wait for that.
 */
import { and, eq, isNotNull, lt } from "drizzle-orm";
import { bankConnections, institutions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { newErrorReference } from "@/lib/errors/reference";
import { englishText, storedMessage } from "@/lib/i18n/stored-message";
import { getProvider } from "@/lib/providers";
import type { ConnectDeps } from "./connect";
import { logConnectionEvent } from "./log";
import { revokeConsentBestEffort } from "./revoke-consent";

const ABANDONED_CONSENT_MESSAGE = storedMessage("connections.abandoned");

/** `scope.companyId` limits the sweep to one company; without it every company's are closed (housekeeping). */
export async function closeAbandonedConsents(deps: ConnectDeps, scope: { companyId?: string; userId: string | null }): Promise<number> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const abandoned = await db
    .select({
      id: bankConnections.id, companyId: bankConnections.companyId, provider: bankConnections.provider, ref: bankConnections.providerRefEncrypted,
      pendingConsentRef: bankConnections.pendingConsentRefEncrypted, institution: institutions.name,
    })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(
      scope.companyId ? eq(bankConnections.companyId, scope.companyId) : undefined,
      isNotNull(bankConnections.linkStateHash),
      lt(bankConnections.linkStateExpiresAt, now),
    ));
  for (const connection of abandoned) {
    const actor = { companyId: connection.companyId, userId: scope.userId };
    // Claim it first: a callback arriving now finds no state, and a second sweep finds nothing.
    const [claimed] = await db
      .update(bankConnections)
      .set({ linkStateHash: null, linkStateExpiresAt: null, pendingConsentRefEncrypted: null, updatedAt: now })
      .where(and(eq(bankConnections.id, connection.id), isNotNull(bankConnections.linkStateHash), lt(bankConnections.linkStateExpiresAt, now)))
      .returning({ id: bankConnections.id });
    if (!claimed) continue;
    if (connection.pendingConsentRef) {
      const provider = (deps.provider ?? getProvider)(connection.provider);
      await revokeConsentBestEffort(db, provider, decryptSecret(connection.pendingConsentRef), "unfinished", { actor, connectionId: connection.id, bank: connection.institution });
    }
    if (connection.ref) {
      await logConnectionEvent(db, {
        companyId: actor.companyId, connectionId: connection.id, level: "warning",
        message: storedMessage("connections.abandonedKeepsPrevious", { institution: connection.institution }),
      });
      continue;
    }
    const reference = newErrorReference();
    await db
      .update(bankConnections)
      .set({ state: "refused", autoSync: false, lastErrorCode: "consent_abandoned", lastErrorMessage: englishText(ABANDONED_CONSENT_MESSAGE), lastErrorReference: reference })
      .where(eq(bankConnections.id, connection.id));
    await logConnectionEvent(db, { companyId: actor.companyId, connectionId: connection.id, level: "warning", message: ABANDONED_CONSENT_MESSAGE, errorReference: reference });
  }
  return abandoned.length;
}
