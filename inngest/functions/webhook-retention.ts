/** `webhook-retention`: once a day, deletes processed webhook deliveries past their retention (lib/webhooks/retention). */
import { cron } from "inngest";
import { db, type Db } from "@/db/client";
import { deleteOldWebhookEvents } from "@/lib/webhooks/retention";
import { inngest } from "../client";

export const WEBHOOK_RETENTION_CRON = "30 3 * * *";

export function createWebhookRetentionFunction(deps: { db: Db; now?: () => Date }) {
  return inngest.createFunction(
    { id: "webhook-retention", name: "Delete processed webhook deliveries past their retention", triggers: [cron(WEBHOOK_RETENTION_CRON)] },
    async ({ step }) => {
      const deleted = await step.run("delete-old-webhook-events", () => deleteOldWebhookEvents(deps.db, deps.now?.() ?? new Date()));
      return { deleted };
    },
  );
}

export const webhookRetentionFunction = createWebhookRetentionFunction({ db });
