/**
 * A verified webhook, sent to Inngest when Inngest is the background engine (requests for
 * a sync and security codes go through lib/background/dispatch). The event is checked
 * against its schema (inngest/events.ts) before it leaves.
 */
import { inngest } from "./client";
import { webhookReceived, type WebhookReceived } from "./events";

type SendDeps = { client: Pick<typeof inngest, "send"> };
const defaults: SendDeps = { client: inngest };

/**
 * The event of a recorded delivery. Its id is the delivery's, so Inngest drops a repeat: a
 * retried publish, or the sweep (webhook-leftovers) handing on one whose first event is queued.
 */
export function webhookReceivedEvent(input: WebhookReceived) {
  return webhookReceived.create(input, { id: `webhook-${input.webhookEventId}` });
}

/** Publishes a verified, recorded webhook; the event id makes a repeated publish a no-op. */
export async function publishWebhook(input: WebhookReceived, deps: SendDeps = defaults): Promise<void> {
  await deps.client.send(webhookReceivedEvent(input));
}
