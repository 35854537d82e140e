/**
 * `scheduled-sync`: every twelve hours, one `bank/sync.requested` per connection that the
 * schedule may synchronize (lib/sync/eligible), page by page: one step selects a page, one
 * step sends its events, so tens of thousands of connections never make one giant step.
 */
import { cron } from "inngest";
import { db, type Db } from "@/db/client";
import { selectEligibleConnections, type EligibleConnection } from "@/lib/sync/eligible";
import { inngest } from "../client";
import { syncRequested } from "../events";

export const SCHEDULED_SYNC_CRON = "0 */12 * * *";
const PAGE_SIZE = 500;
// A connection synchronized (by hand, or by a webhook) within half an interval is left alone.
const RECENT_SYNC_MS = 6 * 60 * 60_000;

export type ScheduledSyncDeps = { db: Db; now?: () => Date; pageSize?: number };

export function createScheduledSyncFunction(deps: ScheduledSyncDeps) {
  const pageSize = deps.pageSize ?? PAGE_SIZE;
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
          selectEligibleConnections(deps.db, { now, afterId: cursor, limit: pageSize, notSyncedSince: new Date(now.getTime() - RECENT_SYNC_MS) }),
        );
        if (connections.length === 0) break;
        await step.sendEvent(
          `request-syncs-page-${page}`,
          connections.map((connection) =>
            syncRequested.create(
              { connectionId: connection.id, companyId: connection.companyId, provider: connection.provider, trigger: "scheduled" },
              // Inngest drops a repeated event id, so a retried send does not sync twice.
              { id: `scheduled-sync-${startedAt}-${connection.id}` },
            ),
          ),
        );
        requested += connections.length;
        if (connections.length < pageSize) break;
        afterId = connections[connections.length - 1]!.id;
      }
      return { startedAt, requested };
    },
  );
}

export const scheduledSyncFunction = createScheduledSyncFunction({ db });
