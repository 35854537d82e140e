/**
 * Update Credentials / Reconnect / Renew consent on an existing connection: the provider's
 * update flow under a new single-use state. On a connection that was never completed
 * (consent refused or abandoned) the same buttons are "Connect again": a new consent, as
 * for a new connection, on the same row. The callback and the account selection are the
 * same as for a new connection (lib/connections/connect.ts).
 */
import { webhookUrlFor } from "@/lib/webhooks/url";
import { and, eq } from "drizzle-orm";
import { bankConnections, institutions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getProvider } from "@/lib/providers";
import { storedMessage } from "@/lib/i18n/stored-message";
import { ProviderError } from "@/lib/providers/errors";
import { providerErrorMessage } from "@/lib/providers/error-text";
import { refusal, rememberPendingConsent, type ConnectDeps, type StartResult } from "./connect";
import { LINK_STATE_TTL_MS, newLinkState } from "./link-state";
import { logConnectionEvent } from "./log";
import { revokeConsentBestEffort } from "./revoke-consent";

export async function startUpdateCredentials(
  deps: ConnectDeps,
  actor: { companyId: string; userId: string },
  input: { connectionId: string; callbackUrl: string; reason: "update_credentials" | "reconnect" | "renew_consent" },
): Promise<StartResult> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const [connection] = await db
    .select({
      id: bankConnections.id, provider: bankConnections.provider, state: bankConnections.state, ref: bankConnections.providerRefEncrypted, pendingConsentRef: bankConnections.pendingConsentRefEncrypted,
      accountType: bankConnections.accountType, institutionRef: institutions.providerInstitutionId, institutionName: institutions.name,
    })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(bankConnections.id, input.connectionId), eq(bankConnections.companyId, actor.companyId)));
  if (!connection) return { ok: false, error: storedMessage("connectionMissing") };
  const provider = (deps.provider ?? getProvider)(connection.provider);
  // An earlier attempt's request the user never answered: this one replaces it.
  if (connection.pendingConsentRef) {
    await revokeConsentBestEffort(db, provider, decryptSecret(connection.pendingConsentRef), "unfinished", { actor, connectionId: connection.id, bank: connection.institutionName });
  }
  const { state, hash } = newLinkState();
  await db
    .update(bankConnections)
    .set({
      linkStateHash: hash, linkStateExpiresAt: new Date(now.getTime() + LINK_STATE_TTL_MS), pendingConsentRefEncrypted: null, updatedAt: now,
      ...(connection.ref ? {} : { state: "pending" as const }),
    })
    .where(eq(bankConnections.id, connection.id));
  try {
    const { redirectUrl, pendingConsentRef } = await provider.createLinkSession({
      providerInstitutionId: connection.institutionRef, redirectUri: input.callbackUrl, state,
      accountType: connection.accountType ?? undefined, connectionRef: connection.ref ? decryptSecret(connection.ref) : undefined, customerRef: actor.companyId,
      webhookUrl: webhookUrlFor(connection.provider, input.callbackUrl),
    });
    if (pendingConsentRef) await rememberPendingConsent(db, connection.id, pendingConsentRef);
    await logConnectionEvent(db, {
      companyId: actor.companyId, connectionId: connection.id, actorUserId: actor.userId, level: "user_action",
      message: storedMessage("connections.reconsentStarted", {
        what: storedMessage(`connections.reconsentActions.${connection.ref ? input.reason : "connect_again"}`), institution: connection.institutionName,
      }),
    });
    return { ok: true, redirectUrl, connectionId: connection.id };
  } catch (error) {
    await db.update(bankConnections).set({ linkStateHash: null, linkStateExpiresAt: null, state: connection.state }).where(eq(bankConnections.id, connection.id));
    return { ok: false, error: error instanceof ProviderError ? providerErrorMessage(error) : refusal("unexpected") };
  }
}
