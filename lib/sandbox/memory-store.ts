/** The Sandbox state in process memory, for unit tests and throwaway servers. */
import type { SandboxConnection, SandboxLinkSession, SandboxStore } from "./store";

export function createMemorySandboxStore(): SandboxStore {
  const sessions = new Map<string, SandboxLinkSession>();
  const connections = new Map<string, SandboxConnection>();
  const refreshes = new Map<string, number>();
  return {
    async createLinkSession(session) {
      sessions.set(session.id, { ...session });
    },
    async getLinkSession(id) {
      const session = sessions.get(id);
      return session ? { ...session } : null;
    },
    async markLinkSessionExchanged(id, at) {
      const session = sessions.get(id);
      if (!session || session.exchangedAt) return false;
      session.exchangedAt = at;
      return true;
    },
    async createConnection(connection) {
      connections.set(connection.id, { ...connection, accountIds: [...connection.accountIds], lateBookings: [...connection.lateBookings] });
    },
    async getConnection(id) {
      const connection = connections.get(id);
      return connection ? { ...connection, accountIds: [...connection.accountIds], lateBookings: [...connection.lateBookings] } : null;
    },
    async updateConnection(id, update) {
      const connection = connections.get(id);
      if (connection) connections.set(id, { ...connection, ...update });
    },
    async findLiveConnection({ institutionId, username, customerRef }) {
      for (const connection of connections.values()) {
        const live = !connection.revokedAt && !connection.deletedAt;
        if (live && connection.institutionId === institutionId && connection.username === username && connection.customerRef === customerRef) {
          return { ...connection, accountIds: [...connection.accountIds], lateBookings: [...connection.lateBookings] };
        }
      }
      return null;
    },
    async recordRefresh(connectionId, day) {
      const key = `${connectionId}|${day}`;
      const count = (refreshes.get(key) ?? 0) + 1;
      refreshes.set(key, count);
      return count;
    },
    async listConnectionsToAnnounce(day, limit) {
      return [...connections.values()]
        .filter((c) => c.webhookUrl && !c.revokedAt && !c.deletedAt && (c.notifiedThrough === null || c.notifiedThrough < day))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit)
        .map((c) => ({ ...c, accountIds: [...c.accountIds], lateBookings: [...c.lateBookings] }));
    },
    async countRefreshes(connectionId, day) {
      return refreshes.get(`${connectionId}|${day}`) ?? 0;
    },
  };
}
