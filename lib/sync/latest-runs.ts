/**
 * The newest sync run of each of a company's connections, as pages watch it while it runs
 * (components/live-run polls app/api/sync-status). Read from sync_runs only: what a run
 * says is never copied elsewhere.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import type { LiveRun } from "./run-state";

/** The newest run of each listed connection that belongs to the company; a connection with no run (or another company's) is absent. */
export async function latestRuns(db: Db, companyId: string, connectionIds: readonly string[]): Promise<LiveRun[]> {
  if (connectionIds.length === 0) return [];
  const rows = await db
    .selectDistinctOn([syncRuns.connectionId], {
      connectionId: syncRuns.connectionId, runId: syncRuns.id, status: syncRuns.status, startedAt: syncRuns.startedAt, finishedAt: syncRuns.finishedAt,
      inserted: syncRuns.inserted, possibleDuplicates: syncRuns.possibleDuplicates,
      errorCode: syncRuns.errorCode, errorMessage: syncRuns.errorMessage, errorReference: syncRuns.errorReference, retryAfter: syncRuns.retryAfter,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.companyId, companyId), inArray(syncRuns.connectionId, [...connectionIds])))
    .orderBy(syncRuns.connectionId, desc(syncRuns.startedAt));
  return rows.flatMap(({ connectionId, ...row }) => connectionId ? [{
    ...row,
    connectionId,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    retryAfter: row.retryAfter?.toISOString() ?? null,
  }] : []);
}
