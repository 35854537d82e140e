/**
 * Provider webhooks: verify the signature before anything else, record the delivery once
 * (a replay is acknowledged and ignored), then hand the work to the background engine.
 * The HTTP answer never waits for a sync. A delivery for a connection we do not have is
 * acknowledged and not kept: anyone holding a provider's secret could otherwise fill the table.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankConnections, webhookEvents } from "@/db/schema";
import { lookupHash } from "@/lib/crypto/secret-box";
import { getProvider, listEnabledProviders } from "@/lib/providers";
import type { Provider, ProviderWebhook } from "@/lib/providers/types";

export type IntakeResult =
  | { status: 404 | 401; body: { error: string } }
  | { status: 200; body: { received: true; duplicate: true } | { received: true; unknownConnection: true } }
  | { status: 202; body: { received: true }; event: { webhookEventId: string; kind: ProviderWebhook["kind"]; connectionId: string | null; companyId: string | null } };

export async function receiveWebhook(
  deps: { db: Db; provider?: (name: string) => Provider },
  input: { providerName: string; headers: Headers; rawBody: string; now?: Date },
): Promise<IntakeResult> {
  const enabled = listEnabledProviders().some((p) => p.name === input.providerName);
  if (!enabled && !deps.provider) return { status: 404, body: { error: "Unknown provider." } };
  const provider = (deps.provider ?? getProvider)(input.providerName);
  let webhook: ProviderWebhook;
  try {
    webhook = await provider.verifyWebhook(input.headers, input.rawBody, input.now ?? new Date());
  } catch {
    return { status: 401, body: { error: "Invalid signature." } };
  }

  const refHash = lookupHash(webhook.connectionRef);
  const [connection] = await deps.db
    .select({ id: bankConnections.id, companyId: bankConnections.companyId })
    .from(bankConnections)
    .where(and(eq(bankConnections.provider, provider.name), eq(bankConnections.providerRefHash, refHash)));
  if (!connection) return { status: 200, body: { received: true, unknownConnection: true } };
  const [recorded] = await deps.db
    .insert(webhookEvents)
    .values({
      provider: provider.name, dedupeKey: webhook.id, eventType: webhook.providerType, providerConnectionRef: refHash,
      signatureValid: true, payload: JSON.parse(input.rawBody) as object,
    })
    .onConflictDoNothing({ target: [webhookEvents.provider, webhookEvents.dedupeKey] })
    .returning({ id: webhookEvents.id });
  if (!recorded) return { status: 200, body: { received: true, duplicate: true } };
  return {
    status: 202,
    body: { received: true },
    event: { webhookEventId: recorded.id, kind: webhook.kind, connectionId: connection.id, companyId: connection.companyId },
  };
}
