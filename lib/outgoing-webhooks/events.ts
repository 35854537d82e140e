/** The events an endpoint receives, and the envelope every delivery carries. */
export const WEBHOOK_EVENT_TYPES = ["transactions.created", "connection.needs_attention", "sync.failed"] as const;
/** What an endpoint chooses to receive; a `test` event goes to the endpoint it is sent to, always. */
export type SubscribableEvent = (typeof WEBHOOK_EVENT_TYPES)[number];
export type WebhookEventType = SubscribableEvent | "test";

export type WebhookEnvelope = { id: string; type: WebhookEventType; createdAt: string; data: Record<string, unknown> };
