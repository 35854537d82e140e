/**
 * What the built-in scheduler does besides synchronizing: end security-code waits that
 * outlived their 15 minutes, warn about consents that expire within a week and reload
 * stale parts of the institution directory, delete processed webhook deliveries past
 * their retention (the Inngest engine does each in its own functions, over the same services).
 */
import { and, lt, ne, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { closeAbandonedConsents } from "@/lib/connections/abandoned-consents";
import { warnExpiringConsents } from "@/lib/connections/consent-expiry";
import { refreshDirectory } from "@/lib/institutions/directory";
import { deliverDueWebhooks } from "@/lib/outgoing-webhooks/deliver";
import { listEnabledProviders } from "@/lib/providers";
import { expireMfaWait, MFA_TIMEOUT_MS } from "@/lib/sync/run";
import { deleteOldWebhookEvents } from "@/lib/webhooks/retention";

export async function expireStaleMfaWaits(db: Db, now: Date): Promise<number> {
  const stale = await db
    .select({ id: syncRuns.id, companyId: syncRuns.companyId, connectionId: syncRuns.connectionId })
    .from(syncRuns)
    .where(and(
      eq(syncRuns.status, "waiting_mfa"),
      ne(syncRuns.orchestrator, "inngest"),
      lt(syncRuns.startedAt, new Date(now.getTime() - MFA_TIMEOUT_MS)),
    ));
  let expired = 0;
  for (const run of stale) {
    if (!run.connectionId) continue;
    const result = await expireMfaWait(db, { companyId: run.companyId, connectionId: run.connectionId, runId: run.id, now });
    if (result.expired) expired += 1;
  }
  return expired;
}

export async function runHousekeeping(db: Db, now: Date): Promise<void> {
  await expireStaleMfaWaits(db, now);
  await warnExpiringConsents(db, now);
  // Consents left unfinished at the bank: deleted there, and shown as refused here.
  await closeAbandonedConsents({ db, now: () => now }, { userId: null });
  // Each provider's institutions, when its copy is older than a day.
  await refreshDirectory(db, listEnabledProviders(), now);
  await deleteOldWebhookEvents(db, now);
  // Outgoing webhooks have their own short timer too (lib/outgoing-webhooks/timer).
  await deliverDueWebhooks(db, { now });
}
