/**
 * `scheduled-sync`: every twelve hours, asks lib/background/dispatch for a sync of each
 * connection the schedule may synchronize (lib/background/policy, the same pages and
 * "recently synchronized" rule as the built-in scheduler): one step selects a page, one
 * step sends its `bank/sync.requested` events, so tens of thousands of connections never
 * make one giant step.
 */
import { cron } from "inngest";
import { db, type Db } from "@/db/client";
import { dispatchSyncs } from "@/lib/background/dispatch";
import { DEFAULT_SYNC_INTERVAL_MS } from "@/lib/background/interval";
import { scheduledPage, SYNC_POLICY } from "@/lib/background/policy";
import type { EligibleConnection } from "@/lib/sync/eligible";
import { inngest } from "../client";

/** Every DEFAULT_SYNC_INTERVAL_MS (twelve hours). */
export const SCHEDULED_SYNC_CRON = "0 */12 * * *";

export type ScheduledSyncDeps = { db: Db; now?: () => Date; pageSize?: number };

export function createScheduledSyncFunction(deps: ScheduledSyncDeps) {
  return inngest.createFunction(
    { id: "scheduled-sync", name: "Automatic synchronization (every 12 hours)", triggers: [cron(SCHEDULED_SYNC_CRON)] },
    async ({ step }) => {
      // One "now" for every page, so that all pages apply the same eligibility rules.
      const startedAt = await step.run("start", () => (deps.now?.() ?? new Date()).toISOString());
      const now = new Date(startedAt);
      let afterId: string | null = null;
      let requested = 0;
      for (let page = 1; ; page += 1) {
        const cursor: string | null = afterId;
        const connections: EligibleConnection[] = await step.run(`select-page-${page}`, () =>
          scheduledPage(deps.db, { now, afterId: cursor, intervalMs: DEFAULT_SYNC_INTERVAL_MS, pageSize: deps.pageSize }),
        );
        if (connections.length === 0) break;
        await dispatchSyncs(
          { db: deps.db, engine: { kind: "inngest", send: (events) => step.sendEvent(`request-syncs-page-${page}`, events) } },
          connections.map((connection) => ({
            connectionId: connection.id, companyId: connection.companyId, provider: connection.provider, trigger: "scheduled" as const,
            // Inngest drops a repeated event id, so a retried send does not sync twice.
            dedupeId: `scheduled-sync-${startedAt}-${connection.id}`,
          })),
        );
        requested += connections.length;
        if (connections.length < (deps.pageSize ?? SYNC_POLICY.pageSize)) break;
        afterId = connections[connections.length - 1]!.id;
      }
      return { startedAt, requested };
    },
  );
}

export const scheduledSyncFunction = createScheduledSyncFunction({ db });
