/** The events an endpoint receives, and the envelope every delivery carries. */
export const WEBHOOK_EVENT_TYPES = ["transactions.created", "connection.needs_attention", "sync.failed"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | "test";

export type WebhookEnvelope = { id: string; type: WebhookEventType; createdAt: string; data: Record<string, unknown> };
