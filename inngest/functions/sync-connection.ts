/**
 * `sync-connection`: the Inngest engine behind lib/background/dispatch, running one
 * connection's synchronization over the `lib/sync` service. One run per connection at a
 * time and a per-aggregator limit; transient provider errors are retried as often as the
 * built-in engine retries them (lib/background/policy), with Inngest's backoff, each retry
 * recorded as a "retry" run; a refresh limit that lifts within the hour is
 * slept through; a bank's security code is awaited (15 minutes, a few attempts); a
 * connection that needs the user is announced with `bank/connection.state-changed`.
 */
import { db } from "@/db/client";
import { TRANSIENT_RETRIES } from "@/lib/background/policy";
import { NEEDS_USER_CODES } from "@/lib/sync/outcome";
import { expireMfaWait, MFA_TIMEOUT_MS, type MfaWaitEnd, type SyncOutcome, type SyncTrigger } from "@/lib/sync/run";
import { syncConnection, type SyncDeps } from "@/lib/sync/run-sync";
import { inngest } from "../client";
import { connectionStateChanged, mfaSubmitted, syncRequested } from "../events";

/** A refresh limit lifting later than this ends the run "rate limited" instead of sleeping. */
export const MAX_RATE_LIMIT_SLEEP_MS = 60 * 60_000;
/** Codes the user may enter (the bank refusing one asks for another) before the run gives up. */
export const MAX_SECURITY_CODE_ATTEMPTS = 3;

/** What a sync step hands to the next steps: JSON-safe, since Inngest stores step output. */
export type SyncStepResult = Pick<SyncOutcome, "runId" | "status" | "message" | "fetched" | "inserted"> & {
  errorCode: string | null;
  retryAfter: string | null;
  /** Set when a rate limit lifts soon enough to sleep until `retryAfter`. */
  sleepUntilRetry: boolean;
  /** Set while waiting for a security code: when the wait ends. */
  securityCodeDeadline: string | null;
};

/** Thrown from the step so that Inngest retries it with backoff; the run row already says failed. */
export class TransientSyncError extends Error {
  constructor(outcome: SyncOutcome) {
    super(`${outcome.message} (${outcome.errorReference ?? "no reference"})`);
    this.name = "TransientSyncError";
  }
}

export async function syncStep(
  deps: SyncDeps,
  input: { companyId: string; connectionId: string; trigger: SyncTrigger; mfaCode?: string; queuedRunId?: string; actorUserId?: string },
): Promise<SyncStepResult> {
  const outcome = await syncConnection(deps, { ...input, orchestrator: "inngest" });
  if (outcome.errorCode === "provider_transient") throw new TransientSyncError(outcome);
  const now = (deps.now ?? (() => new Date()))();
  const retryAfter = outcome.retryAfter ?? null;
  return {
    runId: outcome.runId,
    status: outcome.status,
    message: outcome.message,
    fetched: outcome.fetched,
    inserted: outcome.inserted,
    errorCode: outcome.errorCode ?? null,
    retryAfter: retryAfter?.toISOString() ?? null,
    sleepUntilRetry: outcome.status === "rate_limited" && retryAfter !== null && retryAfter.getTime() - now.getTime() <= MAX_RATE_LIMIT_SLEEP_MS,
    securityCodeDeadline: outcome.status === "waiting_mfa" ? new Date(now.getTime() + MFA_TIMEOUT_MS).toISOString() : null,
  };
}

export function createSyncConnectionFunction(deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "sync-connection",
      name: "Synchronize a bank connection",
      triggers: [syncRequested],
      concurrency: [
        { key: "event.data.connectionId", limit: 1 },
        { key: "event.data.provider", limit: 10 },
      ],
      // Spreads the twelve-hour fan-out over time for each aggregator's API limits.
      throttle: { key: "event.data.provider", limit: 120, period: "1m", burst: 10 },
      retries: TRANSIENT_RETRIES,
    },
    async ({ event, step, attempt }) => {
      const target = { companyId: event.data.companyId, connectionId: event.data.connectionId };
      // Inngest runs the function again for a retry of a failed step: that run is a retry.
      let trigger: SyncTrigger = attempt > 0 ? "retry" : event.data.trigger;
      // A queued run (a REST API request) is taken on by the first attempt; a retry opens its own.
      const queued = { queuedRunId: event.data.runId, actorUserId: event.data.actorUserId };
      let outcome = await step.run("sync", () => syncStep(deps, { ...target, trigger, ...queued }));

      if (outcome.sleepUntilRetry && outcome.retryAfter) {
        await step.sleepUntil("wait-for-refresh-limit", new Date(outcome.retryAfter));
        trigger = "retry";
        outcome = await step.run("sync-after-refresh-limit", () => syncStep(deps, { ...target, trigger }));
      }

      // One deadline for all codes of a run, as run-sync counts the wait from the run's start.
      const deadline = outcome.securityCodeDeadline;
      for (let attempt = 1; outcome.status === "waiting_mfa" && outcome.runId && deadline; attempt += 1) {
        const runId = outcome.runId;
        const giveUp = (reason: MfaWaitEnd) => expireMfaWait(deps.db, { ...target, runId, now: (deps.now ?? (() => new Date()))(), reason });
        if (attempt > MAX_SECURITY_CODE_ATTEMPTS) {
          await step.run("give-up-security-code", () => giveUp("too_many_codes"));
          return { ...outcome, status: "failed" as const, errorCode: "mfa_rejected" };
        }
        const suffix = attempt === 1 ? "" : `-${attempt}`;
        const submitted = await step.waitForEvent(`wait-for-security-code${suffix}`, {
          event: mfaSubmitted,
          timeout: new Date(deadline),
          if: "async.data.connectionId == event.data.connectionId && async.data.companyId == event.data.companyId",
        });
        if (!submitted) {
          await step.run(`expire-security-code-wait${suffix}`, () => giveUp("timeout"));
          return { ...outcome, status: "failed" as const, errorCode: "mfa_timeout" };
        }
        const code = submitted.data.code;
        outcome = await step.run(`submit-security-code${suffix}`, () => syncStep(deps, { ...target, trigger, mfaCode: code }));
      }

      if (outcome.errorCode && NEEDS_USER_CODES.includes(outcome.errorCode)) {
        await step.sendEvent(
          "announce-connection-needs-user",
          connectionStateChanged.create({ ...target, state: "error", reason: outcome.errorCode }),
        );
      }
      return outcome;
    },
  );
}

export const syncConnectionFunction = createSyncConnectionFunction({ db });
