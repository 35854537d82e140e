/**
 * Synchronizes one connection: asks the provider for a refresh, then for each synchronized
 * account fetches its window page by page and hands posted transactions to the ingest.
 * Every run leaves a sync_runs row and readable lines in the connection log; provider
 * errors become clear outcomes, never exceptions for the caller.
 */
import { and, eq, inArray, isNull, max, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, bankConnections, companies, institutions, syncRuns, transactions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { toIsoDate } from "@/lib/dates";
import { newErrorReference } from "@/lib/errors/reference";
import { checkBalance } from "@/lib/balance/check";
import { spendCallBudget } from "@/lib/call-budget/spend-for-sync";
import { logConnectionEvent } from "@/lib/connections/log";
import { emitSyncWebhooks } from "@/lib/outgoing-webhooks/sync-events";
import { PendingFeed } from "@/lib/pending/collect";
import { pendingDroppedWithNoteMessage, pendingPostedMessage } from "@/lib/pending/log";
import { settlePendingLines, type DroppedWithNote } from "@/lib/pending/record";
import { windowCoveringPending } from "@/lib/pending/window";
import { getProvider } from "@/lib/providers";
import { MfaRequired, ProviderError, RateLimited } from "@/lib/providers/errors";
import type { Provider, ProviderTransaction } from "@/lib/providers/types";
import { applyCorrections } from "./apply-corrections";
import { ingestTransactions, type IngestLine } from "./ingest";
import { describeOutcome, providerErrorOutcome } from "./outcome";
import { syncWindow } from "./window";

export type SyncTrigger = "first_sync" | "manual" | "scheduled" | "webhook" | "retry";

export type SyncOutcome = {
  runId: string | null;
  status: "succeeded" | "rate_limited" | "waiting_mfa" | "failed";
  fetched: number;
  inserted: number;
  skipped: number;
  possibleDuplicates: number;
  message: string;
  errorCode?: string;
  errorReference?: string;
  retryAfter?: Date | null;
  mfa?: { challengeId: string; prompt: string; codeRejected: boolean };
};

export type Orchestrator = "inline" | "scheduler" | "inngest";

export type SyncDeps = { db: Db; provider?: (name: string) => Provider; now?: () => Date };

// A run waiting longer than this for its security code is given up.
export const MFA_TIMEOUT_MS = 15 * 60_000;
// A run still "running" after this long died with its process (a sync takes seconds to minutes).
export const STALE_RUN_MS = 30 * 60_000;

/** Synchronizes the connection, then queues the webhook events of how the run ended. */
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
    /** Who drives the run: the user's request, the built-in scheduler or an Inngest function. */
    orchestrator?: Orchestrator;
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
      maxHistoryDays: institutions.maxHistoryDays,
      institutionName: institutions.name,
      lockDate: companies.lockDate,
    })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .innerJoin(companies, eq(companies.id, bankConnections.companyId))
    .where(and(eq(bankConnections.id, input.connectionId), eq(bankConnections.companyId, input.companyId)));
  if (!connection) return refused("This connection does not exist.");
  if (!connection.providerRef || !["active", "waiting_mfa", "error"].includes(connection.state)) {
    return refused("This connection is not active. Reconnect it first.");
  }

  const run = await openRun(db, { ...input, now: now() });
  if ("refusal" in run) return refused(run.refusal);
  const runId = run.id;
  const provider = (deps.provider ?? getProvider)(connection.provider);
  const background = input.trigger === "scheduled" || input.trigger === "webhook";
  const totals = { fetched: 0, inserted: 0, skipped: 0, possibleDuplicates: 0 };

  if (!run.resumed) {
    await logConnectionEvent(db, {
      companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, actorUserId: input.actorUserId,
      level: input.actorUserId ? "user_action" : "info",
      message: `Synchronization started (${triggerLabel(input.trigger)}).`,
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

    const providerAccounts = await provider.getAccounts(session);
    const accounts = await db
      .select({ id: bankAccounts.id, name: bankAccounts.name, providerAccountId: bankAccounts.providerAccountId })
      .from(bankAccounts)
      .where(and(eq(bankAccounts.connectionId, input.connectionId), eq(bankAccounts.syncEnabled, true)));
    const today = toIsoDate(now());

    for (const account of accounts) {
      if (!budget.allows(account.id)) continue;
      const remote = providerAccounts.find((a) => a.providerAccountId === account.providerAccountId);
      if (!remote) {
        await logConnectionEvent(db, {
          companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, level: "warning",
          message: `${account.name}: the bank no longer lists this account; nothing was fetched for it.`,
        });
        continue;
      }
      const [newest] = await db
        .select({ date: max(transactions.bookingDate) })
        .from(transactions)
        .where(eq(transactions.bankAccountId, account.id));
      const window = syncWindow({
        newestBookingDate: newest?.date ?? null,
        today,
        maxHistoryDays: connection.maxHistoryDays,
        lockDate: connection.lockDate,
      });
      if (window?.limitedByHistory && connection.maxHistoryDays < 365) {
        await logConnectionEvent(db, {
          companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, level: "warning",
          message: `${account.name}: ${connection.institutionName} keeps only ${connection.maxHistoryDays} days of history, so transactions before ${window.from} were not fetched. Import older history from a bank statement file.`,
        });
      }
      // A cursor feed says itself what is new, even lines dated on or before our newest one.
      const fetchWindow = await windowCoveringPending(db, {
        bankAccountId: account.id, window: window ?? (provider.cursorAfter ? { from: today, to: today } : null), today, lockDate: connection.lockDate,
      });
      if (fetchWindow) {
        const counts = await syncAccount(db, provider, session, {
          bankAccountId: account.id, providerAccountId: remote.providerAccountId, runId, window: fetchWindow, lockDate: connection.lockDate, now: now(),
        });
        if (counts.removed > 0) {
          await logConnectionEvent(db, {
            companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, bankAccountId: account.id, level: "warning",
            message: `${account.name}: the bank withdrew ${counts.removed} transaction(s) we had already imported. They are kept and flagged for review.`,
          });
        }
        if (counts.corrected > 0 || counts.reconciledChanged > 0) {
          await logConnectionEvent(db, {
            companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, bankAccountId: account.id,
            level: counts.reconciledChanged > 0 ? "warning" : "info",
            message: correctionMessage(account.name, counts.corrected, counts.reconciledChanged),
          });
        }
        if (counts.pendingPosted > 0) {
          await logConnectionEvent(db, {
            companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, bankAccountId: account.id,
            message: `${account.name}: ${pendingPostedMessage(counts.pendingPosted)}`,
          });
        }
        for (const line of counts.pendingDroppedWithNote) {
          await logConnectionEvent(db, {
            companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, bankAccountId: account.id, level: "warning",
            message: `${account.name}: ${pendingDroppedWithNoteMessage(line)}`,
          });
        }
        totals.fetched += counts.fetched;
        totals.inserted += counts.inserted;
        totals.skipped += counts.skipped;
        totals.possibleDuplicates += counts.possibleDuplicates;
      }
      await db
        .update(bankAccounts)
        .set({
          lastSyncedAt: now(),
          ...(remote.balance ? { balance: remote.balance.amount, balanceAsOf: remote.balance.asOf } : {}),
        })
        .where(eq(bankAccounts.id, account.id));
      if (remote.balance) await checkBalance(db, { companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, bankAccount: account, balance: remote.balance });
    }

    const message = describeOutcome({ status: "succeeded", ...totals });
    // A cursor-based provider's position moves only when every account was read.
    const cursor = provider.cursorAfter?.(session) ?? null;
    await finishRun(db, runId, { status: "succeeded", finishedAt: now(), ...totals });
    await db
      .update(bankConnections)
      .set({ state: "active", ...(cursor ? { syncCursor: cursor } : {}), lastErrorCode: null, lastErrorMessage: null, lastErrorReference: null, updatedAt: now() })
      .where(eq(bankConnections.id, input.connectionId));
    await logConnectionEvent(db, { companyId: input.companyId, connectionId: input.connectionId, syncRunId: runId, message: `Synchronization finished: ${message}`, details: totals });
    return { runId, status: "succeeded", ...totals, message };
  } catch (error) {
    return failRun(db, { ...input, runId, totals, error, now: now() });
  }
}

async function syncAccount(
  db: Db,
  provider: Provider,
  session: Awaited<ReturnType<Provider["openRefresh"]>>,
  input: { bankAccountId: string; providerAccountId: string; runId: string; window: { from: string; to: string }; lockDate: string | null; now: Date },
) {
  const counts = {
    fetched: 0, inserted: 0, skipped: 0, possibleDuplicates: 0, removed: 0, pendingPosted: 0, corrected: 0, reconciledChanged: 0,
    pendingDroppedWithNote: [] as DroppedWithNote[],
  };
  const removedIds: string[] = [];
  const corrections: (IngestLine & { onlineTransactionId: string })[] = [];
  // One database transaction per account: a failure half-way leaves the account as it was.
  await db.transaction(async (tx) => {
    let buffer: IngestLine[] = [];
    const pendingFeed = new PendingFeed(input.lockDate);
    // A batch is written while the next pages are fetched and prepared, so the provider
    // and PostgreSQL work at the same time; at most two batches are held in memory. The
    // writes run one after the other, and a failed one is thrown at the next flush.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing;
      if (buffer.length === 0) return;
      const lines = buffer;
      buffer = [];
      writing = ingestTransactions(tx, { bankAccountId: input.bankAccountId, source: "sync", syncRunId: input.runId, lines }).then((result) => {
        counts.inserted += result.inserted;
        counts.skipped += result.skipped;
        counts.possibleDuplicates += result.possibleDuplicates;
      });
      writing.catch(() => {});
    };
    const pages = provider.getTransactions(session, { providerAccountId: input.providerAccountId, from: input.window.from, to: input.window.to });
    // The next page is on its way while this one is written; lines are written a few
    // thousand at a time, so memory stays flat whatever the history's length.
    for await (const page of prefetchNext(pages)) {
      // A cursor-based provider sends what changed whatever its date: the lock date still holds.
      const posted = page.filter((t: ProviderTransaction) => t.status === "posted" && (!input.lockDate || t.bookingDate > input.lockDate));
      removedIds.push(...page.filter((t) => t.status === "removed").map((t) => t.providerTransactionId));
      pendingFeed.see(page);
      counts.fetched += posted.length;
      for (const t of posted) {
        const line = {
          onlineTransactionId: t.providerTransactionId,
          bookingDate: t.bookingDate,
          valueDate: t.valueDate,
          amount: t.amount,
          currency: t.currency,
          description: t.description,
          partnerName: t.partnerName,
          partnerAccount: t.partnerAccount,
          reference: t.reference,
        };
        buffer.push(line);
        if (t.modified) corrections.push(line);
      }
      if (buffer.length >= WRITE_BATCH) await flush();
    }
    await flush();
    await writing; // the last batch
    const corrected = await applyCorrections(tx, { bankAccountId: input.bankAccountId, lines: corrections });
    counts.corrected = corrected.updated;
    counts.reconciledChanged = corrected.reconciledChanged;
    const pending = await settlePendingLines(tx, pendingFeed, { bankAccountId: input.bankAccountId, window: input.window, fullRead: !provider.cursorAfter, now: input.now });
    counts.pendingPosted = pending.linked;
    counts.pendingDroppedWithNote = pending.droppedWithNote;
    if (removedIds.length > 0) {
      // Never deleted: the line may be reconciled already; the user reviews it.
      const flagged = await tx
        .update(transactions)
        .set({ removedAtProviderAt: input.now })
        .where(and(
          eq(transactions.bankAccountId, input.bankAccountId),
          inArray(transactions.onlineTransactionId, removedIds),
          isNull(transactions.removedAtProviderAt),
        ))
        .returning({ id: transactions.id });
      counts.removed = flagged.length;
    }
  });
  return counts;
}

const WRITE_BATCH = 5_000;

/** Iterates `source` while already asking it for the following item. */
async function* prefetchNext<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      // Not awaited until the consumer is done with `current`; a rejection is seen then.
      next.catch(() => {});
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}

type OpenedRun = { id: string; resumed: boolean; mfaChallengeId: string | null } | { refusal: string };

/** Starts a run, or resumes the one waiting for a security code when a code is given. */
async function openRun(
  db: Db,
  input: { companyId: string; connectionId: string; trigger: SyncTrigger; mfaCode?: string; orchestrator?: Orchestrator; now: Date },
): Promise<OpenedRun> {
  const [open] = await db
    .select({ id: syncRuns.id, status: syncRuns.status, startedAt: syncRuns.startedAt, mfaChallengeId: syncRuns.mfaChallengeId })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, input.connectionId), inArray(syncRuns.status, ["running", "waiting_mfa"])));
  if (open?.status === "waiting_mfa") {
    if (input.now.getTime() - open.startedAt.getTime() > MFA_TIMEOUT_MS) {
      await finishRun(db, open.id, { status: "failed", finishedAt: input.now, errorCode: "mfa_timeout", errorMessage: "The security code was not entered in time." });
      await logConnectionEvent(db, { companyId: input.companyId, connectionId: input.connectionId, syncRunId: open.id, level: "warning", message: "The security code was not entered in time; the synchronization was cancelled." });
    } else if (input.mfaCode) {
      await db.update(syncRuns).set({ status: "running" }).where(eq(syncRuns.id, open.id));
      return { id: open.id, resumed: true, mfaChallengeId: open.mfaChallengeId };
    } else {
      return { refusal: "The bank is waiting for the security code. Enter it to continue." };
    }
  } else if (open && input.now.getTime() - open.startedAt.getTime() > STALE_RUN_MS) {
    // Its database transaction was rolled back when the process died: nothing half-written stays.
    await finishRun(db, open.id, { status: "failed", finishedAt: input.now, errorCode: "interrupted", errorMessage: "The synchronization was interrupted (the server stopped)." });
    await logConnectionEvent(db, { companyId: input.companyId, connectionId: input.connectionId, syncRunId: open.id, level: "warning", message: "The previous synchronization was interrupted before it finished; starting a new one." });
  } else if (open) {
    return { refusal: "A synchronization of this connection is already running." };
  }
  if (input.mfaCode) return { refusal: "No synchronization is waiting for a security code. Fetch transactions again." };
  try {
    const [created] = await db
      .insert(syncRuns)
      .values({
        companyId: input.companyId, connectionId: input.connectionId, trigger: input.trigger, startedAt: input.now,
        orchestrator: input.orchestrator ?? "inline",
      })
      .returning({ id: syncRuns.id });
    return { id: created!.id, resumed: false, mfaChallengeId: null };
  } catch (error) {
    // The partial unique index: another process opened a run between our check and insert.
    if ((error as { code?: string }).code === "23505") return { refusal: "A synchronization of this connection is already running." };
    throw error;
  }
}

async function finishRun(db: Db, runId: string, values: Partial<typeof syncRuns.$inferInsert>) {
  await db.update(syncRuns).set(values).where(eq(syncRuns.id, runId));
}

async function failRun(
  db: Db,
  input: { companyId: string; connectionId: string; runId: string; totals: Omit<SyncOutcome, "runId" | "status" | "message">; error: unknown; now: Date },
): Promise<SyncOutcome> {
  const { error, totals } = input;
  if (error instanceof MfaRequired) {
    await db.update(syncRuns).set({ status: "waiting_mfa", mfaChallengeId: error.challenge.id, mfaPrompt: error.challenge.prompt }).where(eq(syncRuns.id, input.runId));
    await db.update(bankConnections).set({ state: "waiting_mfa", updatedAt: input.now }).where(eq(bankConnections.id, input.connectionId));
    await logConnectionEvent(db, { companyId: input.companyId, connectionId: input.connectionId, syncRunId: input.runId, level: "warning", message: error.codeRejected ? "The security code was not accepted; the bank sent a new one." : `The bank asks for a security code: ${error.challenge.prompt}` });
    const message = error.codeRejected ? error.message : error.challenge.prompt;
    return { runId: input.runId, status: "waiting_mfa", ...totals, message, mfa: { challengeId: error.challenge.id, prompt: error.challenge.prompt, codeRejected: error.codeRejected } };
  }

  const reference = newErrorReference();
  const outcome = error instanceof ProviderError ? providerErrorOutcome(error) : null;
  if (!outcome) console.error(`[sync] ${reference} unexpected error in run ${input.runId}`, error);
  else console.warn(`[sync] ${reference} ${error instanceof ProviderError ? error.code : "error"}: ${outcome.message}`);
  const status = error instanceof RateLimited ? "rate_limited" : "failed";
  const code = error instanceof ProviderError ? error.code : "internal_error";
  const message = outcome?.message ?? "The synchronization failed because of an unexpected error on our side.";
  const retryAfter = error instanceof RateLimited ? error.retryAfter : null;

  await finishRun(db, input.runId, {
    status, finishedAt: input.now, ...totals, errorCode: code, errorMessage: message, errorReference: reference, retryAfter,
  });
  await db
    .update(bankConnections)
    .set({
      ...(outcome?.connectionNeedsUser ? { state: "error" as const } : { state: sql`case when ${bankConnections.state} = 'waiting_mfa' then 'active'::connection_state else ${bankConnections.state} end` }),
      lastErrorCode: code, lastErrorMessage: message, lastErrorReference: reference, updatedAt: input.now,
    })
    .where(eq(bankConnections.id, input.connectionId));
  await logConnectionEvent(db, {
    companyId: input.companyId, connectionId: input.connectionId, syncRunId: input.runId,
    level: status === "rate_limited" ? "warning" : "error", message, errorReference: reference,
    details: retryAfter ? { retryAfter: retryAfter.toISOString() } : null,
  });
  return { runId: input.runId, status, ...totals, message, errorCode: code, errorReference: reference, retryAfter };
}

function refused(message: string): SyncOutcome {
  return { runId: null, status: "failed", fetched: 0, inserted: 0, skipped: 0, possibleDuplicates: 0, message, errorCode: "refused" };
}

function correctionMessage(accountName: string, corrected: number, reconciledChanged: number): string {
  const parts = [];
  if (corrected > 0) parts.push(`the bank corrected ${corrected} transaction(s); they now show the bank's values`);
  if (reconciledChanged > 0) parts.push(`${reconciledChanged} reconciled transaction(s) changed at the bank and were kept as reconciled: check them`);
  return `${accountName}: ${parts.join("; ")}.`;
}

function triggerLabel(trigger: SyncTrigger): string {
  return { first_sync: "first synchronization", manual: "Fetch Transactions", scheduled: "automatic, every 12 hours", webhook: "bank notification", retry: "retry" }[trigger];
}
