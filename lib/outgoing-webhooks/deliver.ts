/**
 * Sends due webhook deliveries: claims them atomically (two processes never send the same
 * attempt), POSTs the signed JSON, and on failure schedules the next attempt with a
 * growing delay until the last one, after which the delivery is marked failed. Both
 * background engines run this same function on a short timer.
 */
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { storedColumns, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { checkWebhookUrl, type Resolve } from "./address-policy";
import { signPayload, SIGNATURE_HEADER } from "./signature";

/** Delay before attempt 2, 3, …; after the last one the delivery is failed (6 attempts over about 7.5 hours). */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 6 * 3_600_000];
// A claimed delivery whose process died is tried again after this.
const CLAIM_LEASE_MS = 5 * 60_000;
const TIMEOUT_MS = 10_000;

export type DeliverOptions = {
  now?: Date;
  limit?: number;
  fetch?: typeof fetch;
  retryDelaysMs?: number[];
  resolve?: Resolve;
  allowPrivate?: boolean;
  /** Only these deliveries ("Send test event" sends its own at once). */
  deliveryIds?: string[];
};

export async function deliverDueWebhooks(db: Db, options: DeliverOptions = {}): Promise<{ delivered: number; retried: number; failed: number }> {
  const now = options.now ?? new Date();
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(
      eq(webhookDeliveries.status, "pending"),
      lte(webhookDeliveries.nextAttemptAt, now),
      options.deliveryIds ? inArray(webhookDeliveries.id, options.deliveryIds) : undefined,
    ))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(options.limit ?? 50)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS), attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(inArray(webhookDeliveries.id, due))
    .returning({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, payload: webhookDeliveries.payload, attempts: webhookDeliveries.attempts, eventType: webhookDeliveries.eventType });

  const counts = { delivered: 0, retried: 0, failed: 0 };
  for (const delivery of claimed) {
    const [endpoint] = await db
      .select({ url: webhookEndpoints.url, secret: webhookEndpoints.secretEncrypted })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, delivery.endpointId));
    const result = endpoint
      ? await attempt(endpoint.url, decryptSecret(endpoint.secret), delivery, now, options)
      : { ok: false as const, statusCode: null, error: storedMessage("webhookDeliveries.endpointRemoved"), final: true };
    if (result.ok) {
      counts.delivered += 1;
      await db.update(webhookDeliveries)
        .set({ status: "delivered", deliveredAt: now, lastStatusCode: result.statusCode, lastError: null, lastErrorKey: null, lastErrorParams: null })
        .where(eq(webhookDeliveries.id, delivery.id));
      continue;
    }
    const delay = result.final ? undefined : delays[delivery.attempts - 1];
    if (delay === undefined) counts.failed += 1;
    else counts.retried += 1;
    await db.update(webhookDeliveries)
      .set({
        status: delay === undefined ? "failed" : "pending",
        nextAttemptAt: delay === undefined ? now : new Date(now.getTime() + delay),
        lastStatusCode: result.statusCode,
        ...lastErrorColumns(result.error),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
  }
  return counts;
}

type Attempt = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: StoredMessage; final: boolean };

/** A delivery's last error: its English for the API and key + params for the reader. */
export function lastErrorColumns(error: StoredMessage): { lastError: string; lastErrorKey: string; lastErrorParams: unknown } {
  const stored = storedColumns(error);
  return { lastError: stored.text, lastErrorKey: stored.key, lastErrorParams: stored.params };
}

async function attempt(
  url: string,
  secret: string,
  delivery: { id: string; payload: unknown; eventType: string },
  now: Date,
  options: DeliverOptions,
): Promise<Attempt> {
  // Checked again now: the name may resolve elsewhere than when it was registered.
  const verdict = await checkWebhookUrl(url, { resolve: options.resolve, allowPrivate: options.allowPrivate });
  if (!verdict.ok) return { ok: false, statusCode: null, error: verdict.error, final: true };
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await (options.fetch ?? fetch)(verdict.url, {
      method: "POST",
      body,
      // A redirect could lead to an address we refused; the receiver must answer itself.
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "OpenBankSync-Webhooks/1",
        "OpenBankSync-Event": delivery.eventType,
        "OpenBankSync-Delivery": delivery.id,
        [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
      },
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
    return { ok: false, statusCode: response.status, error: storedMessage("webhookDeliveries.httpStatus", { status: response.status }), final: false };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const reason = timedOut ? storedMessage("webhookDeliveries.noAnswer", { seconds: TIMEOUT_MS / 1000 }) : storedMessage("webhookDeliveries.connectionFailed");
    return { ok: false, statusCode: null, error: reason, final: false };
  }
}
