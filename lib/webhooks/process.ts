/**
 * What a verified webhook does: new transactions at the bank start a sync; a bank asking
 * the user to sign in again puts the connection in the error state with a log line, unless
 * a sync of it waits for the security code the bank asked for (Salt Edge posts its
 * interactive stage as such a callback): that connection stays waiting for the code.
 */
import { and, eq, notExists } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankConnections, syncRuns, webhookEvents } from "@/db/schema";
import { dispatchSync, type DispatchDeps } from "@/lib/background/dispatch";
import { logConnectionEvent } from "@/lib/connections/log";
import type { ProviderWebhook } from "@/lib/providers/types";

export async function processWebhook(
  deps: DispatchDeps,
  event: { webhookEventId: string; kind: ProviderWebhook["kind"]; connectionId: string | null; companyId: string | null },
): Promise<void> {
  const { db } = deps;
  if (event.connectionId && event.companyId) {
    if (event.kind === "transactions_available") {
      await dispatchSync(deps, { companyId: event.companyId, connectionId: event.connectionId, trigger: "webhook", dedupeId: `webhook-sync-${event.webhookEventId}` });
    } else if (event.kind === "login_required") {
      const waitingForCode = db.select({ id: syncRuns.id }).from(syncRuns).where(and(eq(syncRuns.connectionId, bankConnections.id), eq(syncRuns.status, "waiting_mfa")));
      const [broken] = await db.update(bankConnections).set({ state: "error", lastErrorCode: "login_required", lastErrorMessage: "The bank asks you to sign in again. Update the credentials of this connection.", updatedAt: new Date() })
        .where(and(eq(bankConnections.id, event.connectionId), notExists(waitingForCode)))
        .returning({ id: bankConnections.id });
      if (broken) {
        await logConnectionEvent(db, { companyId: event.companyId, connectionId: event.connectionId, level: "error", message: "The bank asks you to sign in again (notified by the provider). Update the credentials of this connection." });
      }
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
