/**
 * The built-in scheduler, for a single machine with no Inngest server: a timer, an
 * advisory lock and a loop over the same fan-out (lib/background/policy) that the Inngest
 * functions use, asking lib/background/dispatch for each sync. Not a job queue.
 */
import type { Db } from "@/db/client";
import type { SyncOutcome } from "@/lib/sync/run";
import type { SyncDeps } from "@/lib/sync/run-sync";
import { withAdvisoryLock } from "./advisory-lock";
import { dispatchSyncs } from "./dispatch";
import type { RetryOptions } from "./locked-run";
import { runHousekeeping } from "./housekeeping";
import { scheduledPage } from "./policy";

export type PassResult = { ran: boolean; synced: number; skipped: number; outcomes: SyncOutcome[] };

type PassOptions = { intervalMs: number } & RetryOptions;

/** One fan-out: every eligible connection not synchronized recently (lib/background/policy). */
export async function runScheduledPass(deps: SyncDeps, options: PassOptions): Promise<PassResult> {
  const now = deps.now?.() ?? new Date();
  const result: PassResult = { ran: true, synced: 0, skipped: 0, outcomes: [] };
  const pass = await withAdvisoryLock(deps.db, "openbanksync:fan-out", async () => {
    await runHousekeeping(deps.db, now);
    let afterId: string | null = null;
    for (;;) {
      const page = await scheduledPage(deps.db, { now, afterId, intervalMs: options.intervalMs });
      if (page.length === 0) break;
      afterId = page[page.length - 1]!.id;
      const dispatched = await dispatchSyncs(
        { ...deps, engine: { kind: "built-in", retry: { retryDelaysMs: options.retryDelaysMs, sleep: options.sleep } } },
        page.map((connection) => ({ companyId: connection.companyId, connectionId: connection.id, trigger: "scheduled" as const })),
      );
      for (const { outcome } of dispatched) {
        if (outcome) {
          result.synced += 1;
          result.outcomes.push(outcome);
        } else {
          result.skipped += 1;
        }
      }
    }
  });
  if (!pass.acquired) return { ran: false, synced: 0, skipped: 0, outcomes: [] };
  return result;
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
