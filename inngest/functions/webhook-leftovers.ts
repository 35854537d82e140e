/**
 * `webhook-leftovers`: every minute, Inngest's sweep for provider webhooks answered but never
 * handled (lib/webhooks/leftovers: the process stopped after its answer, or its publish to
 * Inngest failed). Each is sent again as the `bank/webhook.received` its first hand-on sends,
 * with the same event id, so `webhook-received` handles it as if it had just arrived, and a
 * delivery whose first event is still queued, or one two sweeps both find, is handled once:
 * Inngest drops the repeated id.
 */
import { cron } from "inngest";
import { db, type Db } from "@/db/client";
import { findLeftoverWebhooks } from "@/lib/webhooks/leftovers";
import { inngest } from "../client";
import { webhookReceivedEvent } from "../send";

/** Every LEFTOVER_SWEEP_MS (a minute), as the built-in engine's timer. */
export const WEBHOOK_LEFTOVERS_CRON = "* * * * *";

export function createWebhookLeftoversFunction(deps: { db: Db; now?: () => Date }) {
  return inngest.createFunction(
    {
      id: "webhook-leftovers", name: "Hand on provider webhooks answered but never handled",
      triggers: [cron(WEBHOOK_LEFTOVERS_CRON)], concurrency: { limit: 1 },
    },
    async ({ step }) => {
      const leftovers = await step.run("find-leftovers", () => findLeftoverWebhooks(deps.db, { now: deps.now?.() ?? new Date() }));
      if (leftovers.length > 0) await step.sendEvent("hand-on-leftovers", leftovers.map(webhookReceivedEvent));
      return { handedOn: leftovers.length };
    },
  );
}

export const webhookLeftoversFunction = createWebhookLeftoversFunction({ db });
