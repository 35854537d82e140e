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
import { storedMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvents, type ConnectionEventInput } from "@/lib/connections/log";
import { recordLoginRequired } from "@/lib/sync/run";
import { createBatcher } from "./batcher";
import type { WebhookEvent } from "./intake";

type HandedOn = WebhookEvent & { provider: string };

// Deliveries that need no bank go together (batcher.ts): under a burst, their log lines are
// one insert and their marks one update, so the work after the answers does not crowd out
// the answering. A sync goes on its own: a batch never waits for a bank.
const batchers = new WeakMap<Db, (event: WebhookEvent) => Promise<void>>();

/**
 * Hands a recorded delivery to the engine that runs background work: an Inngest event, or
 * the built-in engine here. Runs after the answer, so a failure can only be logged; the
 * delivery stays unprocessed in webhook_events.
 */
export async function handOnWebhook(deps: DispatchDeps, event: HandedOn): Promise<void> {
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

/** Applies deliveries, then marks them handled (all in one update). */
export async function processWebhooks(deps: DispatchDeps, events: WebhookEvent[]): Promise<void> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const logLines: ConnectionEventInput[] = [];
  await Promise.all(events.map(async ({ webhookEventId, kind, connectionId, companyId }) => {
    if (!connectionId || !companyId) return;
    if (kind === "transactions_available") {
      await dispatchSync(deps, { companyId, connectionId, trigger: "webhook", dedupeId: `webhook-sync-${webhookEventId}` });
    } else if (kind === "login_required") {
      await recordLoginRequired(db, { companyId, connectionId, now });
    } else if (kind === "consent_expiring") {
      logLines.push({ companyId, connectionId, level: "warning", message: storedMessage("connections.consentExpiringNotice") });
    }
  }));
  // One transaction, so a burst's log lines and marks cost one commit.
  await db.transaction(async (tx) => {
    await logConnectionEvents(tx, logLines);
    await markProcessed(tx, ...events.map((e) => e.webhookEventId));
  });
}

/** Marks recorded deliveries as handled (the Inngest engine calls it once it has handed the work on). */
export async function markProcessed(db: Db | Tx, ...ids: string[]) {
  if (ids.length === 0) return;
  await db.update(webhookEvents).set({ processedAt: new Date() }).where(inArray(webhookEvents.id, ids));
}
