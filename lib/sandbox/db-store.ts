/** The Sandbox state in PostgreSQL (db/schema/sandbox.ts), used by the app's /sandbox routes. */
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sandboxConnections, sandboxLinkSessions, sandboxRefreshes } from "@/db/schema/sandbox";
import { SIMULATED_FAILURES, type SandboxStore, type SimulatedFailure } from "./store";

/** The column is free text in the database; anything unknown reads as no failure. */
function withFailure<T extends { simulatedFailure: string | null }>(row: T): T & { simulatedFailure: SimulatedFailure | null } {
  const failure = SIMULATED_FAILURES.find((known) => known === row.simulatedFailure) ?? null;
  return { ...row, simulatedFailure: failure };
}

export function createDbSandboxStore(db: Db): SandboxStore {
  return {
    async createLinkSession(session) {
      await db.insert(sandboxLinkSessions).values(session);
    },
    async getLinkSession(id) {
      const [session] = await db.select().from(sandboxLinkSessions).where(eq(sandboxLinkSessions.id, id));
      return session ?? null;
    },
    async markLinkSessionExchanged(id, at) {
      const updated = await db
        .update(sandboxLinkSessions)
        .set({ exchangedAt: at })
        .where(and(eq(sandboxLinkSessions.id, id), isNull(sandboxLinkSessions.exchangedAt)))
        .returning({ id: sandboxLinkSessions.id });
      return updated.length === 1;
    },
    async createConnection(connection) {
      await db.insert(sandboxConnections).values(connection);
    },
    async getConnection(id) {
      const [connection] = await db.select().from(sandboxConnections).where(eq(sandboxConnections.id, id));
      return connection ? withFailure(connection) : null;
    },
    async updateConnection(id, update) {
      await db.update(sandboxConnections).set(update).where(eq(sandboxConnections.id, id));
    },
    async findLiveConnection({ institutionId, username, customerRef }) {
      const [connection] = await db
        .select()
        .from(sandboxConnections)
        .where(
          and(
            eq(sandboxConnections.institutionId, institutionId),
            eq(sandboxConnections.username, username),
            eq(sandboxConnections.customerRef, customerRef),
            isNull(sandboxConnections.revokedAt),
            isNull(sandboxConnections.deletedAt),
          ),
        )
        .limit(1);
      return connection ? withFailure(connection) : null;
    },
    async recordRefresh(connectionId, day) {
      const [row] = await db
        .insert(sandboxRefreshes)
        .values({ connectionId, refreshedOn: day, count: 1 })
        .onConflictDoUpdate({
          target: [sandboxRefreshes.connectionId, sandboxRefreshes.refreshedOn],
          set: { count: sql`${sandboxRefreshes.count} + 1` },
        })
        .returning({ count: sandboxRefreshes.count });
      return row!.count;
    },
    async listConnectionsToAnnounce(day, limit) {
      const rows = await db
        .select()
        .from(sandboxConnections)
        .where(
          and(
            isNotNull(sandboxConnections.webhookUrl),
            isNull(sandboxConnections.revokedAt),
            isNull(sandboxConnections.deletedAt),
            or(isNull(sandboxConnections.notifiedThrough), lt(sandboxConnections.notifiedThrough, day)),
          ),
        )
        .orderBy(sandboxConnections.id)
        .limit(limit);
      return rows.map(withFailure);
    },
    async countRefreshes(connectionId, day) {
      const [row] = await db
        .select({ count: sandboxRefreshes.count })
        .from(sandboxRefreshes)
        .where(and(eq(sandboxRefreshes.connectionId, connectionId), eq(sandboxRefreshes.refreshedOn, day)));
      return row?.count ?? 0;
    },
  };
}
