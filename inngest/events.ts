/**
 * The event catalogue: every event the Inngest functions send or wait for, named
 * `domain/noun.verb`, with a zod schema that Inngest checks when a function starts and
 * that `send` checks before an event leaves the app.
 */
import { eventType } from "inngest";
import { z } from "zod";
import { PROVIDER_WEBHOOK_KINDS } from "@/lib/providers/types";

const ids = { connectionId: z.uuid(), companyId: z.uuid() };

/**
 * Synchronize one connection in the background (lib/background/dispatch sends it; a user's
 * own Fetch Transactions runs inline). `provider` keys the per-aggregator limits. A request
 * through the REST API is "manual" and names the run opened for it (`runId`), which the
 * caller polls; `actorUserId` is the API key's creator.
 */
export const syncRequested = eventType("bank/sync.requested", {
  schema: z.object({
    ...ids, provider: z.string().min(1), trigger: z.enum(["scheduled", "webhook", "manual"]),
    runId: z.uuid().optional(), actorUserId: z.string().min(1).optional(),
  }),
});

/** The security code the user typed for a run waiting on the bank's MFA challenge. */
export const mfaSubmitted = eventType("bank/mfa.submitted", {
  schema: z.object({ ...ids, code: z.string().min(1).max(32) }),
});

/** A verified, recorded provider webhook (see lib/webhooks/intake). */
export const webhookReceived = eventType("bank/webhook.received", {
  schema: z.object({
    provider: z.string().min(1),
    webhookEventId: z.uuid(),
    kind: z.enum(PROVIDER_WEBHOOK_KINDS),
    connectionId: z.uuid().nullable(),
    companyId: z.uuid().nullable(),
  }),
});

/** A connection left the healthy state and needs the user (Update Credentials / Reconnect). */
export const connectionStateChanged = eventType("bank/connection.state-changed", {
  schema: z.object({ ...ids, state: z.enum(["active", "waiting_mfa", "error", "disconnected"]), reason: z.string().nullable() }),
});

export type SyncRequested = z.infer<typeof syncRequested.schema>;
export type MfaSubmitted = z.infer<typeof mfaSubmitted.schema>;
export type WebhookReceived = z.infer<typeof webhookReceived.schema>;
export type ConnectionStateChanged = z.infer<typeof connectionStateChanged.schema>;
