/**
 * `webhook-deliveries`: every minute, sends the outgoing webhook deliveries that are due
 * (first attempts and retries with backoff) through the same lib/outgoing-webhooks service
 * the built-in engine runs on its timer.
 */
import { cron } from "inngest";
import { db, type Db } from "@/db/client";
import { deliverDueWebhooks } from "@/lib/outgoing-webhooks/deliver";
import { inngest } from "../client";

export const WEBHOOK_DELIVERY_CRON = "* * * * *";

export function createWebhookDeliveriesFunction(deps: { db: Db; now?: () => Date }) {
  return inngest.createFunction(
    { id: "webhook-deliveries", name: "Send due outgoing webhooks", triggers: [cron(WEBHOOK_DELIVERY_CRON)], concurrency: { limit: 1 } },
    async ({ step }) => step.run("deliver-due-webhooks", () => deliverDueWebhooks(deps.db, { now: deps.now?.() })),
  );
}

export const webhookDeliveriesFunction = createWebhookDeliveriesFunction({ db });
