/** What the Online Synchronization pages read: connections, their log and their runs, scoped to one company. */
import { and, asc, desc, eq, inArray, max, not, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, institutions, syncRuns, users } from "@/db/schema";
import { isConnectionAttempt } from "./attempts";
import { shownState, type ShownState } from "./status";

/**
 * The company's connections, attempts left out (lib/connections/attempts.ts lists those
 * apart), each with the accounts it synchronizes so that rows of one bank can be told apart.
 */
export async function listCompanyConnections(
  db: Db,
  companyId: string,
  options: { state?: ShownState | null; sort?: "last_sync_desc" | "last_sync_asc"; now?: Date } = {},
) {
  const lastSync = db
    .select({ connectionId: syncRuns.connectionId, at: max(syncRuns.startedAt).as("at") })
    .from(syncRuns)
    .where(eq(syncRuns.companyId, companyId))
    .groupBy(syncRuns.connectionId)
    .as("last_sync");
  const order = options.sort === "last_sync_asc" ? sql`${lastSync.at} asc nulls first` : sql`${lastSync.at} desc nulls last`;
  const rows = await db
    .select({
      id: bankConnections.id, institution: institutions.name, provider: bankConnections.provider, state: shownState,
      autoSync: bankConnections.autoSync, consentExpiresAt: bankConnections.consentExpiresAt, clientId: bankConnections.clientId,
      lastSyncAt: lastSync.at,
    })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .leftJoin(lastSync, eq(lastSync.connectionId, bankConnections.id))
    .where(and(
      eq(bankConnections.companyId, companyId),
      not(isConnectionAttempt(options.now ?? new Date())),
      options.state ? sql`${shownState} = ${options.state}` : undefined,
    ))
    .orderBy(order, asc(institutions.name));
  const accounts = await synchronizedAccounts(db, companyId, rows.map((row) => row.id));
  return rows.map((row) => ({ ...row, accounts: accounts.get(row.id) ?? [] }));
}

export type ConnectionAccount = { id: string; name: string; accountNumber: string };

/** The synchronized accounts of these connections, by connection, in name order. */
async function synchronizedAccounts(db: Db, companyId: string, connectionIds: string[]): Promise<Map<string, ConnectionAccount[]>> {
  const byConnection = new Map<string, ConnectionAccount[]>();
  if (connectionIds.length === 0) return byConnection;
  const rows = await db
    .select({ connectionId: bankAccounts.connectionId, id: bankAccounts.id, name: bankAccounts.name, accountNumber: bankAccounts.accountNumber })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.companyId, companyId), eq(bankAccounts.syncEnabled, true), inArray(bankAccounts.connectionId, connectionIds)))
    .orderBy(asc(bankAccounts.name), asc(bankAccounts.accountNumber));
  for (const { connectionId, ...account } of rows) {
    if (!connectionId) continue;
    byConnection.set(connectionId, [...(byConnection.get(connectionId) ?? []), account]);
  }
  return byConnection;
}

export async function getConnectionDetail(db: Db, companyId: string, connectionId: string) {
  const [connection] = await db
    .select({
      id: bankConnections.id, institution: institutions.name, provider: bankConnections.provider, state: shownState, linkState: bankConnections.state,
      autoSync: bankConnections.autoSync, consentExpiresAt: bankConnections.consentExpiresAt, consentRevokedAt: bankConnections.consentRevokedAt,
      clientId: bankConnections.clientId, lastErrorCode: bankConnections.lastErrorCode, lastErrorMessage: bankConnections.lastErrorMessage,
      lastErrorReference: bankConnections.lastErrorReference, createdAt: bankConnections.createdAt,
      // Whether a consent was ever given: a connection without one can only be connected again.
      completed: sql<boolean>`${bankConnections.providerRefEncrypted} is not null`,
    })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(bankConnections.id, connectionId), eq(bankConnections.companyId, companyId)));
  if (!connection) return null;
  const accounts = await db
    .select({ id: bankAccounts.id, name: bankAccounts.name, accountNumber: bankAccounts.accountNumber, currency: bankAccounts.currency, syncEnabled: bankAccounts.syncEnabled })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.connectionId, connectionId), eq(bankAccounts.companyId, companyId)))
    .orderBy(asc(bankAccounts.name));
  const [lastRun] = await db
    .select({ status: syncRuns.status, errorMessage: syncRuns.errorMessage, errorKey: syncRuns.errorKey, errorParams: syncRuns.errorParams, errorReference: syncRuns.errorReference, retryAfter: syncRuns.retryAfter, startedAt: syncRuns.startedAt })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.companyId, companyId)))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  return { ...connection, accounts, lastRun: lastRun ?? null };
}

/** The connection's log (the chatter), newest first. */
export async function connectionLog(db: Db, companyId: string, connectionId: string, limit = 200) {
  return db
    .select({ id: connectionEvents.id, at: connectionEvents.createdAt, level: connectionEvents.level, message: connectionEvents.message, messageKey: connectionEvents.messageKey, messageParams: connectionEvents.messageParams, errorReference: connectionEvents.errorReference, actor: users.name, actorEmail: users.email })
    .from(connectionEvents)
    .leftJoin(users, eq(users.id, connectionEvents.actorUserId))
    .where(and(eq(connectionEvents.connectionId, connectionId), eq(connectionEvents.companyId, companyId)))
    .orderBy(desc(connectionEvents.createdAt), desc(connectionEvents.id))
    .limit(limit);
}

const runColumns = {
  id: syncRuns.id, trigger: syncRuns.trigger, status: syncRuns.status, startedAt: syncRuns.startedAt, finishedAt: syncRuns.finishedAt,
  fetched: syncRuns.fetched, inserted: syncRuns.inserted, skipped: syncRuns.skipped, possibleDuplicates: syncRuns.possibleDuplicates,
  errorMessage: syncRuns.errorMessage, errorKey: syncRuns.errorKey, errorParams: syncRuns.errorParams, errorReference: syncRuns.errorReference, connectionId: syncRuns.connectionId,
};

export async function connectionRuns(db: Db, companyId: string, connectionId: string, limit = 50) {
  return db.select(runColumns).from(syncRuns)
    .where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.companyId, companyId)))
    .orderBy(desc(syncRuns.startedAt)).limit(limit);
}

export const RUNS_PAGE_SIZE = 25;

/** "Past synchronizations": every run of the company, newest first, a page at a time. */
export async function companyRuns(db: Db, companyId: string, page: number) {
  const rows = await db
    .select({ ...runColumns, institution: institutions.name })
    .from(syncRuns)
    .leftJoin(bankConnections, eq(bankConnections.id, syncRuns.connectionId))
    .leftJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(eq(syncRuns.companyId, companyId))
    .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
    .limit(RUNS_PAGE_SIZE + 1)
    .offset((page - 1) * RUNS_PAGE_SIZE);
  return { runs: rows.slice(0, RUNS_PAGE_SIZE), hasMore: rows.length > RUNS_PAGE_SIZE };
}
