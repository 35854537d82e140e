/**
 * What a recorded webhook does, after the HTTP answer: new transactions at the bank are a request for a sync
 * (lib/background/dispatch); a bank asking the user to sign in again is recorded as a
 * failed run (lib/sync/run), so the connection shows that it needs the user.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { dispatchSync, type DispatchDeps } from "@/lib/background/dispatch";
import { currentEngine } from "@/lib/background/engine";
import { logConnectionEvent } from "@/lib/connections/log";
import { recordLoginRequired } from "@/lib/sync/run";
import type { WebhookEvent } from "./intake";

/**
 * Hands a recorded delivery to the engine that runs background work: an Inngest event, or
 * the built-in engine here. Runs after the answer, so a failure can only be logged; the
 * delivery stays unprocessed in webhook_events.
 */
export async function handOnWebhook(deps: DispatchDeps, event: WebhookEvent & { provider: string }): Promise<void> {
  try {
    if (currentEngine().kind === "inngest") {
      const { publishWebhook } = await import("@/inngest/send");
      await publishWebhook(event);
    } else {
      await processWebhook(deps, event);
    }
  } catch (error) {
    console.error("[webhooks] processing failed", error);
  }
}

export async function processWebhook(deps: DispatchDeps, event: WebhookEvent): Promise<void> {
  const { db } = deps;
  if (event.connectionId && event.companyId) {
    if (event.kind === "transactions_available") {
      await dispatchSync(deps, { companyId: event.companyId, connectionId: event.connectionId, trigger: "webhook", dedupeId: `webhook-sync-${event.webhookEventId}` });
    } else if (event.kind === "login_required") {
      await recordLoginRequired(db, { companyId: event.companyId, connectionId: event.connectionId, now: (deps.now ?? (() => new Date()))() });
    } else if (event.kind === "consent_expiring") {
      await logConnectionEvent(db, { companyId: event.companyId, connectionId: event.connectionId, level: "warning", message: "The provider says the consent expires soon. Renew it to keep synchronizing." });
    }
  }
  await markProcessed(db, event.webhookEventId);
}

/** Marks a recorded delivery as handled (the Inngest engine calls it once it has handed the work on). */
export async function markProcessed(db: Db, id: string) {
  await db.update(webhookEvents).set({ processedAt: new Date() }).where(eq(webhookEvents.id, id));
}
