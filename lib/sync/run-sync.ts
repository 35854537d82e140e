/**
 * Synchronizes one connection: opens its run (lib/sync/run), asks the provider for a
 * refresh, then synchronizes each account (lib/sync/sync-account) and ends the run. Only
 * the engines behind lib/background/dispatch call it: every request for a sync goes there.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, bankConnections, companies, institutions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { toIsoDate } from "@/lib/dates";
import { spendCallBudget } from "@/lib/call-budget/spend-for-sync";
import { logConnectionEvent } from "@/lib/connections/log";
import { emitSyncWebhooks } from "@/lib/outgoing-webhooks/sync-events";
import { bankHistoryDays } from "@/lib/institutions/history-days";
import { getProvider } from "@/lib/providers";
import { providerLabel } from "@/lib/providers/catalog";
import type { Provider } from "@/lib/providers/types";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { refreshNote } from "./refresh-note";
import { abandonQueuedRun, failRun, openRun, refused, succeedRun, type Orchestrator, type RunTotals, type SyncOutcome, type SyncTrigger } from "./run";
import { syncAccount } from "./sync-account";

export type SyncDeps = { db: Db; provider?: (name: string) => Provider; now?: () => Date };

/** Synchronizes the connection, then queues the outgoing webhook events of how the run ended. */
export async function syncConnection(deps: SyncDeps, input: Parameters<typeof runSync>[1]): Promise<SyncOutcome> {
  const outcome = await runSync(deps, input);
  await emitSyncWebhooks(deps.db, input, outcome);
  return outcome;
}

async function runSync(
  deps: SyncDeps,
  input: {
    companyId: string;
    connectionId: string;
    trigger: SyncTrigger;
    actorUserId?: string | null;
    mfaCode?: string;
    orchestrator?: Orchestrator;
    /** The run opened when the sync was queued (lib/background/dispatch queueSync). */
    queuedRunId?: string;
  },
): Promise<SyncOutcome> {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const [connection] = await db
    .select({
      id: bankConnections.id,
      companyId: bankConnections.companyId,
      provider: bankConnections.provider,
      state: bankConnections.state,
      providerRef: bankConnections.providerRefEncrypted,
      syncCursor: bankConnections.syncCursor,
      maxHistoryDays: bankHistoryDays,
      institutionId: institutions.id,
      institutionName: institutions.name,
      lockDate: companies.lockDate,
    })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .innerJoin(companies, eq(companies.id, bankConnections.companyId))
    .where(and(eq(bankConnections.id, input.connectionId), eq(bankConnections.companyId, input.companyId)));
  // A connection that needs the user may still be tried: the bank says whether it was fixed.
  const refuse = async (message: StoredMessage) => {
    if (input.queuedRunId) await abandonQueuedRun(db, { ...input, runId: input.queuedRunId, message, now: now() });
    return refused(message);
  };
  if (!connection) return refuse(storedMessage("connectionMissing"));
  if (!connection.providerRef || connection.state !== "active") return refuse(storedMessage("connectionInactive"));

  const run = await openRun(db, { ...input, now: now() });
  if ("refusal" in run) return refused(run.refusal, run.code);
  const runId = run.id;
  const provider = (deps.provider ?? getProvider)(connection.provider);
  const background = input.trigger === "scheduled" || input.trigger === "webhook";
  const totals: RunTotals = { fetched: 0, inserted: 0, skipped: 0, possibleDuplicates: 0 };

  if (!run.resumed) {
    await logConnectionEvent(db, {
      companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, actorUserId: input.actorUserId,
      level: input.actorUserId ? "user_action" : "info",
      message: storedMessage("syncStarted", { trigger: input.trigger }),
    });
  }

  try {
    const budget = await spendCallBudget(db, { companyId: input.companyId, connectionId: input.connectionId, runId, resumed: run.resumed, now: now() });
    const session = await provider.openRefresh({
      connectionRef: decryptSecret(connection.providerRef),
      background,
      cursor: connection.syncCursor,
      mfa: input.mfaCode && run.mfaChallengeId ? { challengeId: run.mfaChallengeId, code: input.mfaCode } : undefined,
    });
    const nextRefreshAt = session.refresh?.nextPossibleAt ? new Date(session.refresh.nextPossibleAt) : null;
    if (session.refresh) {
      await logConnectionEvent(db, {
        companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, message: refreshNote(session.refresh, providerLabel(connection.provider)),
      });
    }
    // A first read of an account: the earliest date the bank's history was read from.
    let historyFrom: string | null = null;

    // After the consent check, which costs nothing at the bank: an expired consent is reported even when no call is left.
    const budgetAllows = await budget.accountsToRead();
    const providerAccounts = await provider.getAccounts(session, budget.meter);
    const accounts = await db
      .select({ id: bankAccounts.id, name: bankAccounts.name, providerAccountId: bankAccounts.providerAccountId, lastSyncedAt: bankAccounts.lastSyncedAt })
      .from(bankAccounts)
      .where(and(eq(bankAccounts.connectionId, input.connectionId), eq(bankAccounts.syncEnabled, true)));
    const today = toIsoDate(now());
    const synced = { companyId: input.companyId, connectionId: input.connectionId, institutionId: connection.institutionId, maxHistoryDays: connection.maxHistoryDays, institutionName: connection.institutionName, lockDate: connection.lockDate };

    for (const account of accounts) {
      if (!budgetAllows(account.id)) continue;
      const counts = await syncAccount(db, provider, session, { connection: synced, account, providerAccounts, runId, today, now, meter: budget.meter });
      totals.fetched += counts.fetched;
      totals.inserted += counts.inserted;
      totals.skipped += counts.skipped;
      totals.possibleDuplicates += counts.possibleDuplicates;
      if (counts.historyFrom && (historyFrom === null || counts.historyFrom < historyFrom)) historyFrom = counts.historyFrom;
    }

    // A cursor-based provider's position moves only when every account was read.
    const cursor = provider.cursorAfter?.(session) ?? null;
    return await succeedRun(db, { companyId: input.companyId, connectionId: input.connectionId, runId, totals, cursor, now: now(), historyFrom, nextRefreshAt });
  } catch (error) {
    return failRun(db, { companyId: input.companyId, connectionId: input.connectionId, runId, totals, error, now: now() });
  }
}
