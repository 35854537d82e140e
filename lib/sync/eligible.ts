/**
 * Which connections the twelve-hour schedule synchronizes: automatic synchronization on,
 * the link active and not needing the user (lib/connections/status), the bank willing to
 * refresh in the background, a call left in today's budget (lib/call-budget), no run
 * already open, and no refresh limit still in force. A run left "running" by a process
 * that died stops blocking after STALE_RUN_MS. Both background engines (Inngest and the
 * built-in scheduler) fan out over this one query, page by page (lib/background/policy).
 */
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankConnections, institutions } from "@/db/schema";
import { hasCallBudgetLeft } from "@/lib/call-budget/eligible-sql";
import { shownState } from "@/lib/connections/status";
import { STALE_RUN_MS } from "./run";

export type EligibleConnection = { id: string; companyId: string; provider: string };

export async function selectEligibleConnections(
  db: Db,
  input: {
    now: Date;
    afterId?: string | null;
    limit: number;
    /** Leave out connections whose newest run started after this (synchronized recently). */
    notSyncedSince?: Date;
  },
): Promise<EligibleConnection[]> {
  return db
    .select({ id: bankConnections.id, companyId: bankConnections.companyId, provider: bankConnections.provider })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(
      and(
        eq(bankConnections.autoSync, true),
        sql`${shownState} = 'active'`,
        eq(institutions.supportsBackgroundRefresh, true),
        hasCallBudgetLeft(input.now),
        input.afterId ? gt(bankConnections.id, input.afterId) : undefined,
        input.notSyncedSince
          ? sql`not exists (select 1 from sync_runs s where s.connection_id = ${bankConnections.id}
                 and s.started_at > ${input.notSyncedSince.toISOString()}::timestamptz)`
          : undefined,
        // Skip connections with a run open, or whose newest run was told to wait.
        sql`not exists (
          select 1 from sync_runs r where r.connection_id = ${bankConnections.id}
            and (r.status = 'waiting_mfa'
                 or (r.status = 'running' and r.started_at > ${new Date(input.now.getTime() - STALE_RUN_MS).toISOString()}::timestamptz)
                 or (r.retry_after is not null and r.retry_after > ${input.now.toISOString()}::timestamptz
                     and r.started_at = (select max(r2.started_at) from sync_runs r2 where r2.connection_id = r.connection_id))))`,
      ),
    )
    .orderBy(asc(bankConnections.id))
    .limit(input.limit);
}
