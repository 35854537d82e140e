/**
 * How the built-in engine runs a background sync: under the connection's advisory lock,
 * so that one process at a time synchronizes it, with the policy's bounded retries of
 * transient provider errors. Only lib/background/dispatch calls it.
 */
import type { SyncOutcome } from "@/lib/sync/run";
import { syncConnection, type SyncDeps } from "@/lib/sync/run-sync";
import { withAdvisoryLock } from "./advisory-lock";
import { SYNC_POLICY } from "./policy";

export type RetryOptions = { retryDelaysMs?: readonly number[]; sleep?: (ms: number) => Promise<void> };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Synchronizes one connection unless another process holds it (then null); retries transient errors. */
export async function syncWithLock(
  deps: SyncDeps,
  target: { companyId: string; connectionId: string; trigger?: "scheduled" | "webhook" | "manual"; queuedRunId?: string; actorUserId?: string | null },
  options: RetryOptions = {},
): Promise<SyncOutcome | null> {
  const delays = options.retryDelaysMs ?? SYNC_POLICY.transientRetryDelaysMs;
  const sleep = options.sleep ?? realSleep;
  const locked = await withAdvisoryLock(deps.db, `openbanksync:sync:${target.connectionId}`, async () => {
    let outcome = await syncConnection(deps, { ...target, trigger: target.trigger ?? "scheduled", orchestrator: "scheduler" });
    for (const delay of delays) {
      if (outcome.errorCode !== "provider_transient") break;
      await sleep(delay);
      outcome = await syncConnection(deps, { ...target, queuedRunId: undefined, trigger: "retry", orchestrator: "scheduler" });
    }
    return outcome;
  });
  return locked.acquired ? locked.value : null;
}
