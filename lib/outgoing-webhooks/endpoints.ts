/** Webhook endpoints in Settings: a company admin registers a URL (its secret shown once), lists and removes them. */
import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { issueRefusal } from "@/lib/i18n/refusal";
import { storedMessage, type StoredMessage, type StoredMessageKey } from "@/lib/i18n/stored-message";
import { checkWebhookUrl, type Resolve } from "./address-policy";
import { lastErrorColumns } from "./deliver";
import { WEBHOOK_EVENT_TYPES, type SubscribableEvent } from "./events";
import { newSigningSecret } from "./signature";

type Actor = Pick<Membership, "companyId" | "userId" | "role">;
const ADMIN_ONLY = storedMessage("refusals.webhooksAdminOnly");
const NO_SUCH_ENDPOINT = storedMessage("refusals.noSuchEndpoint");
const MAX_ENDPOINTS = 10;

export const endpointUrlSchema = z.string().trim().min(1, "refusals.webhookUrlRequired" satisfies StoredMessageKey).max(2000, "refusals.webhookUrlTooLong" satisfies StoredMessageKey);

/** The events an endpoint receives: at least one; none chosen at registration means all. */
export const endpointEventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { message: "refusals.unknownWebhookEvent" satisfies StoredMessageKey }))
  .min(1, "refusals.chooseWebhookEvent" satisfies StoredMessageKey)
  .transform((events) => WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type)));

export type RegisterEndpointResult = { ok: true; endpointId: string; secret: string } | { ok: false; error: StoredMessage };

export async function registerWebhookEndpoint(
  db: Db, actor: Actor, input: { url: unknown; events?: unknown }, options: { resolve?: Resolve; allowPrivate?: boolean } = {},
): Promise<RegisterEndpointResult> {
  if (actor.role !== "admin") return { ok: false, error: ADMIN_ONLY };
  const parsed = endpointUrlSchema.safeParse(input.url);
  if (!parsed.success) return { ok: false, error: issueRefusal(parsed.error) };
  const events = endpointEventsSchema.safeParse(input.events ?? [...WEBHOOK_EVENT_TYPES]);
  if (!events.success) return { ok: false, error: issueRefusal(events.error) };
  const verdict = await checkWebhookUrl(parsed.data, options);
  if (!verdict.ok) return verdict;
  const existing = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.companyId, actor.companyId), isNull(webhookEndpoints.disabledAt)));
  if (existing.length >= MAX_ENDPOINTS) return { ok: false, error: storedMessage("refusals.tooManyEndpoints", { maximum: MAX_ENDPOINTS }) };
  const secret = newSigningSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ companyId: actor.companyId, url: verdict.url.toString(), secretEncrypted: encryptSecret(secret), events: events.data, createdBy: actor.userId })
    .returning({ id: webhookEndpoints.id });
  return { ok: true, endpointId: row!.id, secret };
}

/** Changes which events the endpoint receives from now on (deliveries already queued still go out). */
export async function updateWebhookEvents(db: Db, actor: Actor, input: { endpointId: unknown; events: unknown }): Promise<{ ok: true } | { ok: false; error: StoredMessage }> {
  if (actor.role !== "admin") return { ok: false, error: ADMIN_ONLY };
  const id = z.uuid().safeParse(input.endpointId);
  if (!id.success) return { ok: false, error: NO_SUCH_ENDPOINT };
  const events = endpointEventsSchema.safeParse(input.events);
  if (!events.success) return { ok: false, error: issueRefusal(events.error) };
  const done = await db
    .update(webhookEndpoints)
    .set({ events: events.data })
    .where(and(eq(webhookEndpoints.id, id.data), eq(webhookEndpoints.companyId, actor.companyId), isNull(webhookEndpoints.disabledAt)))
    .returning({ id: webhookEndpoints.id });
  return done.length ? { ok: true } : { ok: false, error: NO_SUCH_ENDPOINT };
}

/** Stops deliveries to the endpoint; its delivery log stays readable. */
export async function removeWebhookEndpoint(db: Db, actor: Actor, endpointId: unknown, now = new Date()): Promise<{ ok: true } | { ok: false; error: StoredMessage }> {
  if (actor.role !== "admin") return { ok: false, error: ADMIN_ONLY };
  const id = z.uuid().safeParse(endpointId);
  if (!id.success) return { ok: false, error: NO_SUCH_ENDPOINT };
  const done = await db
    .update(webhookEndpoints)
    .set({ disabledAt: now })
    .where(and(eq(webhookEndpoints.id, id.data), eq(webhookEndpoints.companyId, actor.companyId), isNull(webhookEndpoints.disabledAt)))
    .returning({ id: webhookEndpoints.id });
  if (!done.length) return { ok: false, error: NO_SUCH_ENDPOINT };
  await db.update(webhookDeliveries).set({ status: "failed", ...lastErrorColumns(storedMessage("webhookDeliveries.endpointRemoved")) })
    .where(and(eq(webhookDeliveries.endpointId, id.data), eq(webhookDeliveries.status, "pending")));
  return { ok: true };
}

export type EndpointWithLog = {
  id: string;
  url: string;
  events: SubscribableEvent[];
  createdAt: Date;
  deliveries: { id: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; lastErrorKey: string | null; lastErrorParams: unknown; createdAt: Date; nextAttemptAt: Date }[];
};

/** The company's live endpoints with their newest deliveries. */
export async function listWebhookEndpoints(db: Db, companyId: string, logSize = 20): Promise<EndpointWithLog[]> {
  const endpoints = await db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, events: webhookEndpoints.events, createdAt: webhookEndpoints.createdAt })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.companyId, companyId), isNull(webhookEndpoints.disabledAt)))
    .orderBy(desc(webhookEndpoints.createdAt));
  return Promise.all(endpoints.map(async (endpoint) => ({
    ...endpoint,
    events: WEBHOOK_EVENT_TYPES.filter((type) => endpoint.events.includes(type)),
    deliveries: await db
      .select({
        id: webhookDeliveries.id, eventType: webhookDeliveries.eventType, status: webhookDeliveries.status, attempts: webhookDeliveries.attempts,
        lastStatusCode: webhookDeliveries.lastStatusCode, lastError: webhookDeliveries.lastError, lastErrorKey: webhookDeliveries.lastErrorKey,
        lastErrorParams: webhookDeliveries.lastErrorParams, createdAt: webhookDeliveries.createdAt,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
      })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id))
      .orderBy(desc(webhookDeliveries.createdAt))
      .limit(logSize),
  })));
}
