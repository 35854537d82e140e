/**
 * The built-in scheduler, for a single machine with no Inngest server: a timer, an
 * advisory lock and a loop over the same fan-out and the same `lib/sync` service that the
 * Inngest functions use. Not a job queue.
 */
import type { Db } from "@/db/client";
import { selectEligibleConnections } from "@/lib/sync/eligible";
import type { SyncOutcome } from "@/lib/sync/run";
import { syncConnection, type SyncDeps } from "@/lib/sync/run-sync";
import { withAdvisoryLock } from "./advisory-lock";
import { runHousekeeping } from "./housekeeping";

const PAGE_SIZE = 200;
// Bounded retries for transient provider errors (network, 5xx): three attempts in all.
export const TRANSIENT_RETRY_DELAYS_MS = [2_000, 10_000];

export type PassResult = { ran: boolean; synced: number; skipped: number; outcomes: SyncOutcome[] };

type PassOptions = { intervalMs: number; retryDelaysMs?: number[]; sleep?: (ms: number) => Promise<void> };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One fan-out: every eligible connection not synchronized within half an interval. */
export async function runScheduledPass(deps: SyncDeps, options: PassOptions): Promise<PassResult> {
  const now = deps.now?.() ?? new Date();
  const result: PassResult = { ran: true, synced: 0, skipped: 0, outcomes: [] };
  const pass = await withAdvisoryLock(deps.db, "openbanksync:fan-out", async () => {
    await runHousekeeping(deps.db, now);
    let afterId: string | null = null;
    for (;;) {
      const page = await selectEligibleConnections(deps.db, {
        now, afterId, limit: PAGE_SIZE, notSyncedSince: new Date(now.getTime() - options.intervalMs / 2),
      });
      if (page.length === 0) break;
      afterId = page[page.length - 1]!.id;
      for (const connection of page) {
        const synced = await syncWithLock(deps, { companyId: connection.companyId, connectionId: connection.id }, options);
        if (synced) {
          result.synced += 1;
          result.outcomes.push(synced);
        } else {
          result.skipped += 1;
        }
      }
    }
  });
  if (!pass.acquired) return { ran: false, synced: 0, skipped: 0, outcomes: [] };
  return result;
}

/** Synchronizes one connection unless another process holds it; retries transient errors. */
export async function syncWithLock(
  deps: SyncDeps,
  target: { companyId: string; connectionId: string; trigger?: "scheduled" | "webhook" },
  options: Pick<PassOptions, "retryDelaysMs" | "sleep"> = {},
): Promise<SyncOutcome | null> {
  const delays = options.retryDelaysMs ?? TRANSIENT_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? realSleep;
  const locked = await withAdvisoryLock(deps.db, `openbanksync:sync:${target.connectionId}`, async () => {
    let outcome = await syncConnection(deps, { ...target, trigger: target.trigger ?? "scheduled", orchestrator: "scheduler" });
    for (const delay of delays) {
      if (outcome.errorCode !== "provider_transient") break;
      await sleep(delay);
      outcome = await syncConnection(deps, { ...target, trigger: "retry", orchestrator: "scheduler" });
    }
    return outcome;
  });
  return locked.acquired ? locked.value : null;
}

type Timer = { stop: () => void; lastPassAt: () => Date | null; nextPassAt: () => Date | null };

/** Starts the timer: a first pass shortly after start, then one every interval. */
export function startScheduler(db: Db, options: { intervalMs: number; firstPassAfterMs: number; onPass?: (result: PassResult) => void }): Timer {
  let timer: NodeJS.Timeout | null = null;
  let last: Date | null = null;
  let next: Date | null = new Date(Date.now() + options.firstPassAfterMs);
  let stopped = false;
  const schedule = (ms: number) => {
    next = new Date(Date.now() + ms);
    timer = setTimeout(run, ms);
    timer.unref();
  };
  const run = async () => {
    last = new Date();
    try {
      const result = await runScheduledPass({ db }, { intervalMs: options.intervalMs });
      options.onPass?.(result);
    } catch (error) {
      console.error("[scheduler] the automatic synchronization pass failed", error);
    }
    if (!stopped) schedule(options.intervalMs);
  };
  schedule(options.firstPassAfterMs);
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    lastPassAt: () => last,
    nextPassAt: () => next,
  };
}
