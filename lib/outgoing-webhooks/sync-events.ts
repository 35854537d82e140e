/**
 * Turns the end of a sync run into webhook events for the company's endpoints:
 * `transactions.created` when lines were stored, `connection.needs_attention` when the
 * bank needs the user (security code, login, lost consent) and `sync.failed` when the run
 * failed. Called once, from lib/sync/run-sync.ts, after every run; it only queues, and
 * never lets a webhook problem change the sync's outcome.
 */
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { transactions } from "@/db/schema";
import type { SyncOutcome } from "@/lib/sync/run";
import { enqueueWebhookEvent } from "./enqueue";

// Provider error codes that only the user can resolve, and what the event calls them.
const NEEDS_USER: Record<string, string> = {
  invalid_credentials: "login_required",
  consent_expired: "consent_lost",
  background_refresh_unsupported: "background_refresh_unsupported",
};

export async function emitSyncWebhooks(db: Db, input: { companyId: string; connectionId: string }, outcome: SyncOutcome): Promise<void> {
  // A refused request (no run) is an answer to its caller, not news for the ledger.
  if (!outcome.runId) return;
  try {
    const base = { connectionId: input.connectionId, syncRunId: outcome.runId };
    if (outcome.inserted > 0) {
      const accounts = await db
        .select({ accountId: transactions.bankAccountId, inserted: count() })
        .from(transactions)
        .where(eq(transactions.syncRunId, outcome.runId))
        .groupBy(transactions.bankAccountId);
      await enqueueWebhookEvent(db, { companyId: input.companyId, type: "transactions.created", data: { ...base, inserted: outcome.inserted, accounts } });
    }
    if (outcome.status === "waiting_mfa") {
      await enqueueWebhookEvent(db, {
        companyId: input.companyId, type: "connection.needs_attention",
        // Machine-read, like every event's message: the bank's own words, else our English sentence.
        data: { ...base, reason: "mfa_required", message: outcome.mfa?.prompt ?? outcome.message },
      });
    }
    if (outcome.status === "failed") {
      const reason = NEEDS_USER[outcome.errorCode ?? ""];
      if (reason) {
        await enqueueWebhookEvent(db, { companyId: input.companyId, type: "connection.needs_attention", data: { ...base, reason, message: outcome.message } });
      }
      await enqueueWebhookEvent(db, {
        companyId: input.companyId, type: "sync.failed",
        data: { ...base, errorCode: outcome.errorCode ?? null, message: outcome.message, errorReference: outcome.errorReference ?? null },
      });
    }
  } catch (error) {
    console.error(`[webhooks] could not queue the events of sync run ${outcome.runId}`, error);
  }
}

/** A consent that ends within days: the daily warning becomes `connection.needs_attention` too. */
export async function emitConsentExpiringWebhook(db: Db, consent: { companyId: string; connectionId: string; consentExpiresAt: Date }, now: Date): Promise<void> {
  try {
    await enqueueWebhookEvent(db, {
      companyId: consent.companyId, type: "connection.needs_attention", now,
      data: { connectionId: consent.connectionId, reason: "consent_expiring", consentExpiresAt: consent.consentExpiresAt.toISOString(), message: "The consent expires soon. Renew it to keep synchronizing." },
    });
  } catch (error) {
    console.error(`[webhooks] could not queue the consent warning of connection ${consent.connectionId}`, error);
  }
}
