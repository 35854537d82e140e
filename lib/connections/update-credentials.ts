/**
 * Update Credentials / Reconnect / Renew consent on an existing connection: the provider's
 * update flow under a new single-use state. The callback and the account selection are
 * the same as for a new connection (lib/connections/connect.ts).
 */
import { webhookUrlFor } from "@/lib/webhooks/url";
import { and, eq } from "drizzle-orm";
import { bankConnections, institutions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getProvider } from "@/lib/providers";
import { ProviderError } from "@/lib/providers/errors";
import type { ConnectDeps, StartResult } from "./connect";
import { LINK_STATE_TTL_MS, newLinkState } from "./link-state";
import { logConnectionEvent } from "./log";

export async function startUpdateCredentials(
  deps: ConnectDeps,
  actor: { companyId: string; userId: string },
  input: { connectionId: string; callbackUrl: string; reason: "update_credentials" | "reconnect" | "renew_consent" },
): Promise<StartResult> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const [connection] = await db
    .select({ id: bankConnections.id, provider: bankConnections.provider, ref: bankConnections.providerRefEncrypted, accountType: bankConnections.accountType, institutionRef: institutions.providerInstitutionId, institutionName: institutions.name })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(bankConnections.id, input.connectionId), eq(bankConnections.companyId, actor.companyId)));
  if (!connection) return { ok: false, error: "This connection does not exist." };
  if (!connection.ref) return { ok: false, error: "This connection was never completed. Connect the bank again." };
  const { state, hash } = newLinkState();
  await db
    .update(bankConnections)
    .set({ linkStateHash: hash, linkStateExpiresAt: new Date(now.getTime() + LINK_STATE_TTL_MS), updatedAt: now })
    .where(eq(bankConnections.id, connection.id));
  try {
    const { redirectUrl } = await (deps.provider ?? getProvider)(connection.provider).createLinkSession({
      providerInstitutionId: connection.institutionRef, redirectUri: input.callbackUrl, state,
      accountType: connection.accountType ?? undefined, connectionRef: decryptSecret(connection.ref), customerRef: actor.companyId,
      webhookUrl: webhookUrlFor(connection.provider, input.callbackUrl),
    });
    const what = { update_credentials: "Update Credentials", reconnect: "Reconnect", renew_consent: "Renew consent" }[input.reason];
    await logConnectionEvent(db, {
      companyId: actor.companyId, connectionId: connection.id, actorUserId: actor.userId, level: "user_action",
      message: `${what} started; waiting for consent at ${connection.institutionName}.`,
    });
    return { ok: true, redirectUrl, connectionId: connection.id };
  } catch (error) {
    await db.update(bankConnections).set({ linkStateHash: null, linkStateExpiresAt: null }).where(eq(bankConnections.id, connection.id));
    return { ok: false, error: error instanceof ProviderError ? error.message : "Something went wrong on our side. Try again." };
  }
}
