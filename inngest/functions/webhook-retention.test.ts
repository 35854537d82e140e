import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { WEBHOOK_RETENTION_CRON, createWebhookRetentionFunction } from "./webhook-retention";

describe("webhook-retention", () => {
  it("deletes processed deliveries past 30 days once a day", async () => {
    const now = new Date("2026-12-01T03:30:00Z");
    const old = new Date("2026-10-01T00:00:00Z");
    await db.insert(webhookEvents).values([
      { provider: "sandbox", dedupeKey: "old", eventType: "login_required", signatureValid: true, payload: {}, receivedAt: old, processedAt: old },
      { provider: "sandbox", dedupeKey: "today", eventType: "login_required", signatureValid: true, payload: {}, receivedAt: now, processedAt: now },
    ]);
    const fn = createWebhookRetentionFunction({ db, now: () => now });
    expect(fn.opts.triggers).toEqual([{ cron: WEBHOOK_RETENTION_CRON }]);
    const { result } = await new InngestTestEngine({ function: fn }).execute();
    expect(result).toEqual({ deleted: 1 });
    expect((await db.select({ key: webhookEvents.dedupeKey }).from(webhookEvents)).map((row) => row.key)).toEqual(["today"]);
  });
});
