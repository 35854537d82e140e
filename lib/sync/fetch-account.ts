/**
 * "Fetch Transactions" on a bank account: synchronizes its connection now, for the user
 * watching, unless the bank's call budget for today is spent (refused before any call).
 */
import { and, eq } from "drizzle-orm";
import { bankAccounts, syncRuns } from "@/db/schema";
import { fetchRefusal } from "@/lib/call-budget/status";
import { logConnectionEvent } from "@/lib/connections/log";
import type { SyncOutcome } from "./run";
import { syncConnection, type SyncDeps } from "./run-sync";

export async function fetchTransactionsForAccount(
  deps: SyncDeps,
  actor: { companyId: string; userId: string },
  input: { bankAccountId: string; mfaCode?: string },
): Promise<SyncOutcome> {
  const [account] = await deps.db
    .select({ connectionId: bankAccounts.connectionId, syncEnabled: bankAccounts.syncEnabled })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, input.bankAccountId), eq(bankAccounts.companyId, actor.companyId)));
  if (!account) return notSynced("This bank account does not exist.");
  if (!account.connectionId || !account.syncEnabled) {
    return notSynced("This account is not synchronized with a bank. Connect the bank, or import a statement file.");
  }
  // A security code resumes a run that already took its call.
  const outOfBudget = input.mfaCode ? null : await fetchRefusal(deps.db, {
    connectionId: account.connectionId, bankAccountId: input.bankAccountId, now: (deps.now ?? (() => new Date()))(),
  });
  if (outOfBudget) {
    await logConnectionEvent(deps.db, {
      companyId: actor.companyId, connectionId: account.connectionId, bankAccountId: input.bankAccountId, actorUserId: actor.userId,
      level: "user_action", message: `Fetch Transactions not sent to the bank: ${outOfBudget.message}`,
    });
    return { ...notSynced(outOfBudget.message), status: "rate_limited", errorCode: "call_budget", retryAfter: outOfBudget.nextAllowedAt };
  }
  return syncConnection(deps, {
    companyId: actor.companyId, connectionId: account.connectionId, trigger: "manual", actorUserId: actor.userId, mfaCode: input.mfaCode,
  });
}

function notSynced(message: string): SyncOutcome {
  return { runId: null, status: "failed", fetched: 0, inserted: 0, skipped: 0, possibleDuplicates: 0, message, errorCode: "refused" };
}

/** The run of this account's connection that waits for a security code, and who drives it. */
export async function findWaitingRun(
  db: SyncDeps["db"],
  actor: { companyId: string },
  bankAccountId: string,
): Promise<{ runId: string; connectionId: string; orchestrator: string } | null> {
  const [row] = await db
    .select({ runId: syncRuns.id, connectionId: bankAccounts.connectionId, orchestrator: syncRuns.orchestrator })
    .from(bankAccounts)
    .innerJoin(syncRuns, and(eq(syncRuns.connectionId, bankAccounts.connectionId), eq(syncRuns.status, "waiting_mfa")))
    .where(and(eq(bankAccounts.id, bankAccountId), eq(bankAccounts.companyId, actor.companyId)));
  return row && row.connectionId ? { runId: row.runId, connectionId: row.connectionId, orchestrator: row.orchestrator } : null;
}
