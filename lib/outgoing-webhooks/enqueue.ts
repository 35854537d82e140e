/**
 * Queues an event for every live endpoint of the company that receives its type (a test
 * event: the one endpoint it is for): one delivery row each, sent by
 * the background engine (lib/outgoing-webhooks/deliver). Queuing never calls out, so it is
 * safe inside a sync.
 */
import { and, arrayContains, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { WebhookEnvelope, WebhookEventType } from "./events";

export async function enqueueWebhookEvent(
  db: Db,
  input: { companyId: string; type: WebhookEventType; data: Record<string, unknown>; endpointId?: string; now?: Date },
): Promise<string[]> {
  const now = input.now ?? new Date();
  const endpoints = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(
      eq(webhookEndpoints.companyId, input.companyId),
      isNull(webhookEndpoints.disabledAt),
      input.endpointId ? eq(webhookEndpoints.id, input.endpointId) : undefined,
      input.type === "test" ? undefined : arrayContains(webhookEndpoints.events, [input.type]),
    ));
  if (endpoints.length === 0) return [];
  // One event id for all endpoints: a receiver that gets it twice knows it is the same event.
  const envelope: WebhookEnvelope = { id: `evt_${crypto.randomUUID()}`, type: input.type, createdAt: now.toISOString(), data: input.data };
  const rows = await db
    .insert(webhookDeliveries)
    .values(endpoints.map((endpoint) => ({ endpointId: endpoint.id, companyId: input.companyId, eventType: input.type, payload: envelope, nextAttemptAt: now, createdAt: now })))
    .returning({ id: webhookDeliveries.id });
  return rows.map((row) => row.id);
}
