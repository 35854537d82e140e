/**
 * The company's last automatic pass, read from its scheduled sync runs: the runs a pass
 * opens all start within half an interval of each other (passes are an interval apart),
 * so the last pass is every scheduled run that started less than half an interval before
 * the newest one.
 */
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns } from "@/db/schema";

export type LastPass = {
  /** When its first run started. */
  startedAt: Date;
  /** Connections whose run succeeded. */
  synced: number;
  /** Runs that failed; a refresh limit is not a failure (it counts in neither). */
  failed: number;
  /** Runs not ended yet (running, or waiting for a security code). */
  running: number;
  /** Transactions the pass imported. */
  imported: number;
};

export async function lastAutomaticPass(db: Db, companyId: string, intervalMs: number): Promise<LastPass | null> {
  const scheduled = and(eq(syncRuns.companyId, companyId), eq(syncRuns.trigger, "scheduled"));
  const [newest] = await db.select({ at: syncRuns.startedAt }).from(syncRuns).where(scheduled).orderBy(desc(syncRuns.startedAt)).limit(1);
  if (!newest) return null;
  const [pass] = await db
    .select({
      startedAt: sql<Date>`min(${syncRuns.startedAt})`.mapWith((value: string | Date) => new Date(value)),
      synced: sql<number>`count(*) filter (where ${syncRuns.status} = 'succeeded')`.mapWith(Number),
      failed: sql<number>`count(*) filter (where ${syncRuns.status} = 'failed')`.mapWith(Number),
      running: sql<number>`count(*) filter (where ${syncRuns.status} in ('running', 'waiting_mfa'))`.mapWith(Number),
      imported: sql<number>`coalesce(sum(${syncRuns.inserted}), 0)`.mapWith(Number),
    })
    .from(syncRuns)
    .where(and(scheduled, gt(syncRuns.startedAt, new Date(newest.at.getTime() - intervalMs / 2))));
  return pass ?? null;
}
