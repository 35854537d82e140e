/** The Sandbox state in PostgreSQL (db/schema/sandbox.ts), used by the app's /sandbox routes. */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sandboxConnections, sandboxLinkSessions, sandboxRefreshes } from "@/db/schema/sandbox";
import type { SandboxStore } from "./store";

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
      return connection ?? null;
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
      return connection ?? null;
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
    async countRefreshes(connectionId, day) {
      const [row] = await db
        .select({ count: sandboxRefreshes.count })
        .from(sandboxRefreshes)
        .where(and(eq(sandboxRefreshes.connectionId, connectionId), eq(sandboxRefreshes.refreshedOn, day)));
      return row?.count ?? 0;
    },
  };
}
