import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { deleteOldWebhookEvents, webhookRetentionDays } from "./retention";

const now = new Date("2026-12-01T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

async function delivery(key: string, receivedAt: Date, processed: boolean) {
  await db.insert(webhookEvents).values({
    provider: "sandbox", dedupeKey: key, eventType: "transactions.available", signatureValid: true, payload: {}, receivedAt,
    processedAt: processed ? receivedAt : null,
  });
}

describe("webhook retention", () => {
  it("deletes processed deliveries older than the retention period and keeps the rest", async () => {
    await delivery("old-processed", daysAgo(31), true);
    await delivery("old-unprocessed", daysAgo(31), false);
    await delivery("recent-processed", daysAgo(29), true);
    expect(await deleteOldWebhookEvents(db, now, 30)).toBe(1);
    const left = await db.select({ key: webhookEvents.dedupeKey }).from(webhookEvents).orderBy(webhookEvents.dedupeKey);
    expect(left.map((row) => row.key)).toEqual(["old-unprocessed", "recent-processed"]);
  });

  it("reads the period from WEBHOOK_RETENTION_DAYS, 30 days unless it is a positive whole number", () => {
    expect(webhookRetentionDays({})).toBe(30);
    expect(webhookRetentionDays({ WEBHOOK_RETENTION_DAYS: "7" })).toBe(7);
    expect(webhookRetentionDays({ WEBHOOK_RETENTION_DAYS: "0" })).toBe(30);
    expect(webhookRetentionDays({ WEBHOOK_RETENTION_DAYS: "soon" })).toBe(30);
  });
});
