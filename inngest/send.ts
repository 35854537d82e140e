/**
 * What the app sends to Inngest when Inngest is the background engine: a sync request, the
 * security code a user typed, a verified webhook. Every event is checked against its schema
 * (inngest/events.ts) before it leaves.
 */
import { and, eq } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { inngest } from "./client";
import { mfaSubmitted, syncRequested, webhookReceived, type MfaSubmitted, type SyncRequested, type WebhookReceived } from "./events";

type SendDeps = { db: Db; client: Pick<typeof inngest, "send"> };
const defaults: SendDeps = { db: defaultDb, client: inngest };

/**
 * Asks `sync-connection` to synchronize a connection of the company. Throws when the
 * connection is not the company's: callers authorize first, so that is a bug.
 */
export async function requestSync(input: Omit<SyncRequested, "provider">, deps: SendDeps = defaults): Promise<void> {
  const [connection] = await deps.db
    .select({ provider: bankConnections.provider })
    .from(bankConnections)
    .where(and(eq(bankConnections.id, input.connectionId), eq(bankConnections.companyId, input.companyId)));
  if (!connection) throw new Error(`Connection ${input.connectionId} does not belong to company ${input.companyId}`);
  await deps.client.send(syncRequested.create({ ...input, provider: connection.provider }));
}

/**
 * Hands the security code to the `sync-connection` run waiting for it. Only a run that
 * Inngest drives (sync_runs.orchestrator = "inngest") waits for this event; a run started
 * inline is resumed inline with `syncConnection(..., { mfaCode })`.
 */
export async function submitMfaCode(input: MfaSubmitted, deps: Pick<SendDeps, "client"> = defaults): Promise<void> {
  await deps.client.send(mfaSubmitted.create(input));
}

/** Publishes a verified, recorded webhook; the event id makes a repeated publish a no-op. */
export async function publishWebhook(input: WebhookReceived, deps: Pick<SendDeps, "client"> = defaults): Promise<void> {
  await deps.client.send(webhookReceived.create(input, { id: `webhook-${input.webhookEventId}` }));
}
