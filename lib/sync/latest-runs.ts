/**
 * The newest sync run of each of a company's connections, as pages watch it while it runs
 * (components/live-run polls app/api/sync-status). Read from sync_runs only: what a run
 * says is never copied elsewhere. A failed run's sentence is rendered in the reader's
 * language (its catalogue key; the stored English when it has none, e.g. a bank's words).
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { showStored } from "@/lib/i18n/stored-message";
import type { Locale } from "@/lib/i18n/locales";
import type { LiveRun } from "./run-state";

/** The newest run of each listed connection that belongs to the company; a connection with no run (or another company's) is absent. */
export async function latestRuns(db: Db, companyId: string, connectionIds: readonly string[], locale: Locale): Promise<LiveRun[]> {
  if (connectionIds.length === 0) return [];
  const rows = await db
    .selectDistinctOn([syncRuns.connectionId], {
      connectionId: syncRuns.connectionId, runId: syncRuns.id, status: syncRuns.status, startedAt: syncRuns.startedAt, finishedAt: syncRuns.finishedAt,
      inserted: syncRuns.inserted, possibleDuplicates: syncRuns.possibleDuplicates,
      errorCode: syncRuns.errorCode, errorMessage: syncRuns.errorMessage, errorKey: syncRuns.errorKey, errorParams: syncRuns.errorParams, errorReference: syncRuns.errorReference, retryAfter: syncRuns.retryAfter,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.companyId, companyId), inArray(syncRuns.connectionId, [...connectionIds])))
    .orderBy(syncRuns.connectionId, desc(syncRuns.startedAt));
  return rows.flatMap(({ connectionId, errorKey, errorParams, ...row }) => connectionId ? [{
    ...row,
    connectionId,
    errorMessage: showStored({ text: row.errorMessage, key: errorKey, params: errorParams }, locale),
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    retryAfter: row.retryAfter?.toISOString() ?? null,
  }] : []);
}
