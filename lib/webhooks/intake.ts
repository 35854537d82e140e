/**
 * Provider webhooks: verify the signature before anything else, then record the delivery
 * once (a replay is acknowledged and ignored) and answer. Only that happens before the
 * HTTP answer; what the delivery asks for (a sync, a log line) runs after it
 * (lib/webhooks/process), so the answer never waits for a sync.
 */
import type { Db } from "@/db/client";
import { lookupHash } from "@/lib/crypto/secret-box";
import { getProvider, isProviderEnabled } from "@/lib/providers";
import { isProviderName, type Provider, type ProviderWebhook } from "@/lib/providers/types";
import { recordDelivery } from "./record";

export type WebhookEvent = { webhookEventId: string; kind: ProviderWebhook["kind"]; connectionId: string | null; companyId: string | null };

export type IntakeResult =
  | { status: 404 | 401; body: { error: string } }
  | { status: 200; body: { received: true; duplicate: true } | { received: true; unknownConnection: true } }
  | { status: 202; body: { received: true }; event: WebhookEvent };

export async function receiveWebhook(
  deps: { db: Db; provider?: (name: string) => Provider },
  input: { providerName: string; headers: Headers; rawBody: string; now?: Date },
): Promise<IntakeResult> {
  const enabled = isProviderName(input.providerName) && isProviderEnabled(input.providerName);
  if (!enabled && !deps.provider) return { status: 404, body: { error: "Unknown provider." } };
  const provider = (deps.provider ?? getProvider)(input.providerName);
  let webhook: ProviderWebhook;
  try {
    webhook = await provider.verifyWebhook(input.headers, input.rawBody, input.now ?? new Date());
  } catch {
    return { status: 401, body: { error: "Invalid signature." } };
  }

  const recorded = await recordDelivery(deps.db, {
    provider: provider.name, dedupeKey: webhook.id, eventType: webhook.providerType, kind: webhook.kind,
    refHash: lookupHash(webhook.connectionRef), payload: JSON.parse(input.rawBody) as unknown,
  });
  if (recorded.outcome === "unknown_connection") return { status: 200, body: { received: true, unknownConnection: true } };
  if (recorded.outcome === "duplicate") return { status: 200, body: { received: true, duplicate: true } };
  return {
    status: 202,
    body: { received: true },
    event: { webhookEventId: recorded.webhookEventId, kind: webhook.kind, connectionId: recorded.connectionId, companyId: recorded.companyId },
  };
}
