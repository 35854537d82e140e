/** What decides when a connection synchronizes on its own next (lib/background/next-sync), for the company's connections. */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankConnections, institutions } from "@/db/schema";
import type { ConnectionScheduleFacts } from "@/lib/background/next-sync";
import { shownState } from "./status";

const newestRun = (column: "started_at" | "retry_after") =>
  sql.raw(`(select r.${column} from sync_runs r where r.connection_id = "bank_connections"."id" order by r.started_at desc limit 1)`);

export async function connectionScheduleFacts(db: Db, companyId: string, connectionIds: readonly string[]): Promise<Map<string, ConnectionScheduleFacts>> {
  if (connectionIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: bankConnections.id, autoSync: bankConnections.autoSync, state: shownState, supportsBackgroundRefresh: institutions.supportsBackgroundRefresh,
      lastRunStartedAt: sql<Date | null>`${newestRun("started_at")}`.mapWith((value: string | Date) => new Date(value)),
      retryAfter: sql<Date | null>`${newestRun("retry_after")}`.mapWith((value: string | Date) => new Date(value)),
    })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(bankConnections.companyId, companyId), inArray(bankConnections.id, [...connectionIds])));
  return new Map(rows.map(({ id, ...facts }) => [id, facts]));
}
