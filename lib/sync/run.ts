/**
 * The life of a sync run, and the only writer of `sync_runs`: a run is opened (or the one
 * waiting for a security code resumed), then ends succeeded, waiting for a code, rate
 * limited or failed, each with its line in the connection log. Provider errors become
 * outcomes here, never exceptions for the caller. What the connection shows (waiting for a
 * code, needs the user) is read from these rows (lib/connections/status), never stored twice.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankConnections, syncRuns } from "@/db/schema";
import { CallBudgetSpent } from "@/lib/call-budget/spent";
import { newErrorReference } from "@/lib/errors/reference";
import { logConnectionEvent } from "@/lib/connections/log";
import { MfaRequired, ProviderError, RateLimited } from "@/lib/providers/errors";
import { providerErrorMessage, providerErrorText } from "@/lib/providers/error-text";
import { englishText, storedColumns, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { describeOutcome } from "./outcome";

export type SyncTrigger = "first_sync" | "manual" | "scheduled" | "webhook" | "retry";

export type SyncOutcome = {
  runId: string | null;
  status: "succeeded" | "rate_limited" | "waiting_mfa" | "failed";
  fetched: number;
  inserted: number;
  skipped: number;
  possibleDuplicates: number;
  /** In English, as stored. */
  message: string;
  /** The same sentence as a catalogue message, for the reader's language; absent for a bank's or provider's own words. */
  text?: StoredMessage;
  errorCode?: string;
  errorReference?: string;
  retryAfter?: Date | null;
  /** `prompt`: the bank's own words asking for the code, null when it wrote none. */
  mfa?: { challengeId: string; prompt: string | null; codeRejected: boolean };
};

/** Who drives the run: the user's request, the built-in scheduler or an Inngest function. */
export type Orchestrator = "inline" | "scheduler" | "inngest";

export type RunTotals = Pick<SyncOutcome, "fetched" | "inserted" | "skipped" | "possibleDuplicates">;

// A run waiting longer than this for its security code is given up.
export const MFA_TIMEOUT_MS = 15 * 60_000;
// A run still "running" after this long died with its process (a sync takes seconds to minutes).
export const STALE_RUN_MS = 30 * 60_000;

/** Why no run was opened; `already_running` lets the page watch the open run instead (components/live-run). */
export type RunRefusalCode = "refused" | "already_running";

export type OpenedRun = { id: string; resumed: boolean; mfaChallengeId: string | null } | { refusal: StoredMessage; code: RunRefusalCode };

const alreadyRunning = (): OpenedRun => ({ refusal: storedMessage("alreadyRunning"), code: "already_running" });

/**
 * Starts a run, or resumes the one waiting for a security code when a code is given, or
 * takes on the run queued for it (`queuedRunId`: opened when the sync was requested, so
 * the requester could be told which run to follow) while that run is still open.
 */
export async function openRun(
  db: Db,
  input: { companyId: string; connectionId: string; trigger: SyncTrigger; mfaCode?: string; orchestrator?: Orchestrator; queuedRunId?: string; now: Date },
): Promise<OpenedRun> {
  const [open] = await db
    .select({ id: syncRuns.id, status: syncRuns.status, startedAt: syncRuns.startedAt, mfaChallengeId: syncRuns.mfaChallengeId })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, input.connectionId), inArray(syncRuns.status, ["running", "waiting_mfa"])));
  if (open && open.id === input.queuedRunId && open.status === "running" && !input.mfaCode) {
    await db.update(syncRuns).set({ orchestrator: input.orchestrator ?? "inline" }).where(eq(syncRuns.id, open.id));
    return { id: open.id, resumed: false, mfaChallengeId: null };
  }
  if (open?.status === "waiting_mfa") {
    if (input.now.getTime() - open.startedAt.getTime() > MFA_TIMEOUT_MS) {
      await finishRun(db, open.id, { status: "failed", finishedAt: input.now, errorCode: "mfa_timeout", ...errorColumns(storedMessage("codeNotEnteredInTime")) });
      await logConnectionEvent(db, { companyId: input.companyId, connectionId: input.connectionId, syncRunId: open.id, level: "warning", message: storedMessage("codeNotEnteredInTimeLog") });
    } else if (input.mfaCode) {
      await db.update(syncRuns).set({ status: "running" }).where(eq(syncRuns.id, open.id));
      return { id: open.id, resumed: true, mfaChallengeId: open.mfaChallengeId };
    } else {
      return { refusal: storedMessage("waitingForCode"), code: "refused" };
    }
  } else if (open && input.now.getTime() - open.startedAt.getTime() > STALE_RUN_MS) {
    // Its database transaction was rolled back when the process died: nothing half-written stays.
    await finishRun(db, open.id, { status: "failed", finishedAt: input.now, errorCode: "interrupted", ...errorColumns(storedMessage("interrupted")) });
    await logConnectionEvent(db, { companyId: input.companyId, connectionId: input.connectionId, syncRunId: open.id, level: "warning", message: storedMessage("interruptedLog") });
  } else if (open) {
    return alreadyRunning();
  }
  if (input.mfaCode) return { refusal: storedMessage("noCodeAwaited"), code: "refused" };
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
    if (isUniqueViolation(error)) return alreadyRunning();
    throw error;
  }
}

/** Drizzle wraps the driver's error in its own: PostgreSQL's code is on the cause. */
function isUniqueViolation(error: unknown): boolean {
  const failed = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return failed?.code === "23505" || failed?.cause?.code === "23505";
}

async function finishRun(db: Db, runId: string, values: Partial<typeof syncRuns.$inferInsert>) {
  await db.update(syncRuns).set(values).where(eq(syncRuns.id, runId));
}

/** Ends a queued run that never started (its connection was refused, or another process held it), saying why. */
export async function abandonQueuedRun(db: Db, input: { companyId: string; connectionId: string; runId: string; message: StoredMessage; now: Date }) {
  const [ended] = await db
    .update(syncRuns)
    .set({ status: "failed", finishedAt: input.now, errorCode: "refused", ...errorColumns(input.message) })
    .where(and(eq(syncRuns.id, input.runId), eq(syncRuns.status, "running")))
    .returning({ id: syncRuns.id });
  if (ended) await logConnectionEvent(db, { companyId: input.companyId, connectionId: input.connectionId, syncRunId: input.runId, level: "warning", message: storedMessage("queuedRunNotStarted", { reason: input.message }) });
}

/** A run's error in its three columns: English text, catalogue key, parameters. */
function errorColumns(error: StoredMessage) {
  const stored = storedColumns(error);
  return { errorMessage: stored.text, errorKey: stored.key, errorParams: stored.params };
}

/** Ends a run that read every account it could; a cursor feed's new position is kept with it. */
export async function succeedRun(
  db: Db,
  input: {
    companyId: string; connectionId: string; runId: string; totals: RunTotals; cursor: string | null; now: Date;
    /** A first read: the earliest date the bank's history was read from. */
    historyFrom: string | null;
    /** When the provider allows its next refresh, where it limits refreshing rather than reading. */
    nextRefreshAt: Date | null;
  },
): Promise<SyncOutcome> {
  const { totals, historyFrom, nextRefreshAt } = input;
  const text = describeOutcome({ status: "succeeded", ...totals, historyFrom, nextRefreshAt });
  await finishRun(db, input.runId, { status: "succeeded", finishedAt: input.now, ...totals, historyFrom, nextRefreshAt });
  if (input.cursor) await db.update(bankConnections).set({ syncCursor: input.cursor, updatedAt: input.now }).where(eq(bankConnections.id, input.connectionId));
  await logConnectionEvent(db, { companyId: input.companyId, connectionId: input.connectionId, syncRunId: input.runId, message: storedMessage("syncFinished", { outcome: text }), details: totals });
  return { runId: input.runId, status: "succeeded", ...totals, message: englishText(text), text };
}

/** Ends a run on the error that stopped it; a security code asked by the bank pauses it instead. */
export async function failRun(
  db: Db,
  input: { companyId: string; connectionId: string; runId: string; totals: RunTotals; error: unknown; now: Date },
): Promise<SyncOutcome> {
  const { error, totals } = input;
  if (error instanceof MfaRequired) {
    // Only the bank's own words are stored as its prompt; without them every reader is asked
    // in their language by the catalogue, never by an English sentence stored in their place.
    const prompt = error.challenge.prompt?.trim() || null;
    await db.update(syncRuns).set({ status: "waiting_mfa", mfaChallengeId: error.challenge.id, mfaPrompt: prompt }).where(eq(syncRuns.id, input.runId));
    const asked = prompt ? storedMessage("codeAsked", { prompt }) : storedMessage("codeAskedNoWords");
    await logConnectionEvent(db, { companyId: input.companyId, connectionId: input.connectionId, syncRunId: input.runId, level: "warning", message: error.codeRejected ? storedMessage("codeRejectedLog") : asked });
    const text = error.codeRejected ? providerErrorText(error) ?? undefined : prompt ? undefined : asked;
    const message = error.codeRejected ? error.message : prompt ?? englishText(asked);
    return { runId: input.runId, status: "waiting_mfa", ...totals, message, text, mfa: { challengeId: error.challenge.id, prompt, codeRejected: error.codeRejected } };
  }

  const reference = newErrorReference();
  if (error instanceof ProviderError) console.warn(`[sync] ${reference} ${error.code}: ${error.message}`);
  else console.error(`[sync] ${reference} unexpected error in run ${input.runId}`, error);
  const status = error instanceof RateLimited ? "rate_limited" : "failed";
  const code = error instanceof ProviderError ? error.code : "internal_error";
  const text = error instanceof CallBudgetSpent ? error.text : error instanceof ProviderError ? providerErrorText(error) : storedMessage("unexpectedError");
  const message = text ? englishText(text) : (error as ProviderError).message;
  const retryAfter = error instanceof RateLimited ? error.retryAfter : null;

  await finishRun(db, input.runId, {
    status, finishedAt: input.now, ...totals, errorCode: code, ...(text ? errorColumns(text) : { errorMessage: message }), errorReference: reference, retryAfter,
  });
  await logConnectionEvent(db, {
    companyId: input.companyId, connectionId: input.connectionId, syncRunId: input.runId,
    level: status === "rate_limited" ? "warning" : "error", message: text ?? providerErrorMessage(error as ProviderError), errorReference: reference,
    details: retryAfter ? { retryAfter: retryAfter.toISOString() } : null,
  });
  return { runId: input.runId, status, ...totals, message, text: text ?? undefined, errorCode: code, errorReference: reference, retryAfter };
}

/** A request that opened no run (the connection cannot be synchronized now). */
export function refused(text: StoredMessage, code: RunRefusalCode = "refused"): SyncOutcome {
  return { runId: null, status: "failed", fetched: 0, inserted: 0, skipped: 0, possibleDuplicates: 0, message: englishText(text), text, errorCode: code };
}

// Giving up a run that waits for the bank's security code: the run ends failed (the next
// fetch asks again), and the log says why. Both
// background engines do it: Inngest when its wait for the code times out, the built-in
// scheduler for waits older than MFA_TIMEOUT_MS.
export type MfaWaitEnd = "timeout" | "too_many_codes";

const MINUTES = Math.round(MFA_TIMEOUT_MS / 60_000);

const ENDINGS: Record<MfaWaitEnd, { errorCode: string; error: StoredMessage; log: StoredMessage }> = {
  timeout: {
    errorCode: "mfa_timeout",
    error: storedMessage("codeNotEnteredWithin", { minutes: MINUTES }),
    log: storedMessage("codeNotEnteredWithinLog", { minutes: MINUTES }),
  },
  too_many_codes: {
    errorCode: "mfa_rejected",
    error: storedMessage("codesRejected"),
    log: storedMessage("codesRejectedLog"),
  },
};

/**
 * Ends the connection's run that waits for a code (only `runId`, when given). Does nothing
 * and returns `expired: false` when no such run waits any more, e.g. the code was entered.
 */
export async function expireMfaWait(
  db: Db,
  input: { companyId: string; connectionId: string; runId?: string | null; now: Date; reason?: MfaWaitEnd },
): Promise<{ expired: boolean; runId: string | null }> {
  const ending = ENDINGS[input.reason ?? "timeout"];
  return db.transaction(async (tx) => {
    const [run] = await tx
      .update(syncRuns)
      .set({ status: "failed", finishedAt: input.now, errorCode: ending.errorCode, ...errorColumns(ending.error) })
      .where(
        and(
          eq(syncRuns.companyId, input.companyId),
          eq(syncRuns.connectionId, input.connectionId),
          eq(syncRuns.status, "waiting_mfa"),
          input.runId ? eq(syncRuns.id, input.runId) : undefined,
        ),
      )
      .returning({ id: syncRuns.id });
    if (!run) return { expired: false, runId: null };
    await logConnectionEvent(tx, {
      companyId: input.companyId, connectionId: input.connectionId, syncRunId: run.id, level: "warning", message: ending.log,
    });
    return { expired: true, runId: run.id };
  });
}

/**
 * Records the bank's notice that the user must sign in again (a provider webhook) as a
 * finished failed run, so the connection shows that it needs the user until a run
 * succeeds. Not while a run waits for the security code the bank asked for: Salt Edge
 * posts its interactive stage as such a notice. Returns whether it was recorded.
 */
export async function recordLoginRequired(db: Db, input: { companyId: string; connectionId: string; now: Date }): Promise<boolean> {
  const [waiting] = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, input.connectionId), eq(syncRuns.status, "waiting_mfa")));
  if (waiting) return false;
  const [run] = await db
    .insert(syncRuns)
    .values({
      companyId: input.companyId, connectionId: input.connectionId, trigger: "webhook", status: "failed", startedAt: input.now, finishedAt: input.now,
      errorCode: "login_required", ...errorColumns(storedMessage("loginRequired")),
    })
    .returning({ id: syncRuns.id });
  await logConnectionEvent(db, {
    companyId: input.companyId, connectionId: input.connectionId, syncRunId: run!.id, level: "error",
    message: storedMessage("loginRequiredLog"),
  });
  return true;
}
