/**
 * `webhook-received`: a verified provider webhook. New transactions at the bank are a
 * request for a sync, made through lib/background/dispatch (a `bank/sync.requested`, so
 * `sync-connection` applies its limits); every other kind is applied by the same
 * lib/webhooks service the built-in engine uses.
 */
import { db } from "@/db/client";
import { dispatchSync } from "@/lib/background/dispatch";
import type { SyncDeps } from "@/lib/sync/run-sync";
import { markProcessed, processWebhook } from "@/lib/webhooks/process";
import { inngest } from "../client";
import { webhookReceived } from "../events";

export function createWebhookReceivedFunction(deps: SyncDeps) {
  return inngest.createFunction(
    { id: "webhook-received", name: "Handle a provider webhook", triggers: [webhookReceived] },
    async ({ event, step }) => {
      const { provider, webhookEventId, kind, connectionId, companyId } = event.data;
      if (kind === "transactions_available" && connectionId && companyId) {
        await dispatchSync(
          { ...deps, engine: { kind: "inngest", send: (events) => step.sendEvent("request-sync", events) } },
          { connectionId, companyId, provider, trigger: "webhook", dedupeId: `webhook-sync-${webhookEventId}` },
        );
        await step.run("mark-processed", () => markProcessed(deps.db, webhookEventId));
        return { kind, action: "sync-requested" };
      }
      await step.run("apply-webhook", () => processWebhook(deps, { webhookEventId, kind, connectionId, companyId }));
      return { kind, action: "applied" };
    },
  );
}

export const webhookReceivedFunction = createWebhookReceivedFunction({ db });
