/**
 * Webhook deliveries are kept while they matter: to recognise a redelivery and to look
 * into a problem. Processed ones older than WEBHOOK_RETENTION_DAYS (30 by default) are
 * deleted, by the built-in scheduler's housekeeping or the Inngest `webhook-retention` function.
 */
import { and, isNotNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookEvents } from "@/db/schema";

const DEFAULT_RETENTION_DAYS = 30;

export function webhookRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.WEBHOOK_RETENTION_DAYS);
  return env.WEBHOOK_RETENTION_DAYS && Number.isInteger(days) && days > 0 ? days : DEFAULT_RETENTION_DAYS;
}

/** Deletes processed deliveries received before the retention period; returns how many. */
export async function deleteOldWebhookEvents(db: Db, now: Date, days = webhookRetentionDays()): Promise<number> {
  const deleted = await db
    .delete(webhookEvents)
    .where(and(isNotNull(webhookEvents.processedAt), lt(webhookEvents.receivedAt, new Date(now.getTime() - days * 86_400_000))))
    .returning({ id: webhookEvents.id });
  return deleted.length;
}
