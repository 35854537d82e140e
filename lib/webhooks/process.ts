/**
 * What a recorded webhook does, after the HTTP answer: new transactions at the bank are a
 * request for a sync (lib/background/dispatch, the only way to ask for one); a bank asking
 * the user to sign in again is recorded as a failed run (lib/sync/run), so the connection
 * shows that it needs the user; a consent about to expire is said in the connection log.
 */
import { inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { dispatchSync, type DispatchDeps } from "@/lib/background/dispatch";
import { currentEngine } from "@/lib/background/engine";
import { storedColumns, storedMessage } from "@/lib/i18n/stored-message";
import { recordLoginRequired } from "@/lib/sync/run";
import { createBatcher } from "./batcher";
import type { WebhookEvent } from "./intake";

/** A recorded delivery as it is handed on: to Inngest as `bank/webhook.received`, or to this process. */
export type HandedOnWebhook = WebhookEvent & { provider: string };

// Deliveries that need no bank go together (batcher.ts): under a burst, their marks and log
// lines are one statement, so the work after the answers does not crowd out the answering.
// A sync goes on its own: a batch never waits for a bank.
const batchers = new WeakMap<Db, (event: WebhookEvent) => Promise<void>>();

/**
 * Hands a recorded delivery to the engine that runs background work: an Inngest event, or
 * the built-in engine here. Runs after the answer, so a failure can only be logged; the
 * delivery stays unprocessed in webhook_events, and the sweep (leftovers.ts) hands it on again.
 */
export async function handOnWebhook(deps: DispatchDeps, event: HandedOnWebhook): Promise<void> {
  try {
    if (currentEngine().kind === "inngest") {
      const { publishWebhook } = await import("@/inngest/send");
      await publishWebhook(event);
    } else if (event.kind === "transactions_available") {
      await processWebhook(deps, event);
    } else {
      let process = batchers.get(deps.db);
      if (!process) batchers.set(deps.db, (process = createBatcher(async (events: WebhookEvent[]) => {
        await processWebhooks(deps, events);
        return events.map(() => undefined);
      })));
      await process(event);
    }
  } catch (error) {
    console.error("[webhooks] processing failed", error);
  }
}

export function processWebhook(deps: DispatchDeps, event: WebhookEvent): Promise<void> {
  return processWebhooks(deps, [event]);
}

/**
 * Applies deliveries: a sync or a sign-in notice each on its own, then one statement
 * marks the whole group handled and writes the log lines of those it marked.
 */
export async function processWebhooks(deps: DispatchDeps, handedOn: WebhookEvent[]): Promise<void> {
  const now = (deps.now ?? (() => new Date()))();
  // A delivery handed on twice (a sweep overlapping a slow first attempt) may land in one group.
  const events = [...new Map(handedOn.map((event) => [event.webhookEventId, event])).values()];
  await Promise.all(events.map(async ({ webhookEventId, kind, connectionId, companyId }) => {
    if (!connectionId || !companyId) return;
    if (kind === "transactions_available") {
      await dispatchSync(deps, { companyId, connectionId, trigger: "webhook", dedupeId: `webhook-sync-${webhookEventId}` });
    } else if (kind === "login_required") {
      await recordLoginRequired(deps.db, { companyId, connectionId, now });
    }
  }));
  await markHandled(deps.db, events);
}

/**
 * Marks a group of deliveries handled and, in the same statement, writes the connection
 * log line of each consent notice among them that it marked: a delivery already marked
 * (by another process) writes nothing, so a notice is said once. The sentence is the same
 * for every notice, so it is rendered once per group. The driver's tagged template
 * prepares the statement once per connection (see record.ts).
 */
async function markHandled(db: Db, events: WebhookEvent[]): Promise<void> {
  if (events.length === 0) return;
  const message = storedColumns(storedMessage("connections.consentExpiringNotice"));
  const notices = JSON.stringify(events
    .filter((e) => e.kind === "consent_expiring" && e.companyId !== null && e.connectionId !== null)
    .map((e) => ({ id: e.webhookEventId, company_id: e.companyId, connection_id: e.connectionId })));
  // The ids as an array, so the update finds its rows by the primary key whatever the plan.
  await db.$client`
    with marked as (
      update webhook_events set processed_at = now()
      where id = any(${events.map((e) => e.webhookEventId)}::uuid[]) and processed_at is null
      returning id
    )
    insert into connection_events (company_id, connection_id, level, message, message_key, message_params)
    select n.company_id, n.connection_id, 'warning', ${message.text}, ${message.key}, ${message.params === null ? null : JSON.stringify(message.params)}::jsonb
    from jsonb_to_recordset(${notices}::jsonb) as n(id uuid, company_id uuid, connection_id uuid)
    join marked m on m.id = n.id
  `;
}

/** Marks recorded deliveries as handled (the Inngest engine calls it once it has handed the work on). */
export async function markProcessed(db: Db | Tx, ...ids: string[]) {
  if (ids.length === 0) return;
  await db.update(webhookEvents).set({ processedAt: new Date() }).where(inArray(webhookEvents.id, ids));
}
