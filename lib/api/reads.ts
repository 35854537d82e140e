/** What the REST API reads, always scoped to the calling key's company. */
import "server-only";
import { and, asc, eq, gte, isNotNull, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { bankAccounts, bankConnections, institutions, syncRuns, transactions } from "@/db/schema";
import { shownState } from "@/lib/connections/status";
import type { accountSchema, connectionSchema, syncRunSchema, transactionQuerySchema, transactionSchema } from "./schemas";

type Account = z.infer<typeof accountSchema>;
type Transaction = z.infer<typeof transactionSchema>;
type Connection = z.infer<typeof connectionSchema>;
type SyncRun = z.infer<typeof syncRunSchema>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function apiAccounts(db: Db, companyId: string): Promise<Account[]> {
  const rows = await db
    .select({
      id: bankAccounts.id, name: bankAccounts.name, bankName: bankAccounts.bankName, accountNumber: bankAccounts.accountNumber,
      currency: bankAccounts.currency, balance: bankAccounts.balance, balanceAsOf: bankAccounts.balanceAsOf,
      connectionId: bankAccounts.connectionId, lastSyncedAt: bankAccounts.lastSyncedAt,
    })
    .from(bankAccounts)
    .where(eq(bankAccounts.companyId, companyId))
    .orderBy(asc(bankAccounts.createdAt), asc(bankAccounts.id));
  return rows.map((row) => ({ ...row, balanceAsOf: iso(row.balanceAsOf), lastSyncedAt: iso(row.lastSyncedAt) }));
}

/**
 * One page in insertion order: (inserted_xid, id) after the cursor. Only lines whose database
 * transaction is older than every transaction still running are shown: a sync that is still
 * writing may hold lower ids, and a client must not read past them before they commit.
 */
export async function apiTransactionPage(
  db: Db,
  companyId: string,
  query: z.infer<typeof transactionQuerySchema>,
): Promise<{ data: Transaction[]; nextSince: string | null; hasMore: boolean }> {
  const conditions: SQL[] = [
    eq(bankAccounts.companyId, companyId),
    sql`${transactions.insertedXid} < pg_snapshot_xmin(pg_current_snapshot())`,
  ];
  if (query.accountId) conditions.push(eq(transactions.bankAccountId, query.accountId));
  if (query.from) conditions.push(gte(transactions.bookingDate, query.from));
  if (query.to) conditions.push(lte(transactions.bookingDate, query.to));
  if (query.status) conditions.push(query.status === "reconciled" ? isNotNull(transactions.reconciledAt) : isNull(transactions.reconciledAt));
  if (query.since) {
    const [xid, id] = query.since.split(".");
    conditions.push(sql`(${transactions.insertedXid}, ${transactions.id}) > (${xid}::xid8, ${Number(id)}::bigint)`);
  }
  const rows = await db
    .select({
      id: transactions.id, accountId: transactions.bankAccountId, onlineTransactionId: transactions.onlineTransactionId,
      bookingDate: transactions.bookingDate, valueDate: transactions.valueDate, amount: sql<string>`${transactions.amount}::text`,
      currency: transactions.currency, description: transactions.description, partnerName: transactions.partnerName,
      partnerAccount: transactions.partnerAccount, reference: transactions.reference, source: transactions.source,
      reconciledAt: transactions.reconciledAt, possibleDuplicate: transactions.possibleDuplicate,
      removedAtProviderAt: transactions.removedAtProviderAt, createdAt: transactions.createdAt, insertedXid: transactions.insertedXid,
    })
    .from(transactions)
    .innerJoin(bankAccounts, eq(bankAccounts.id, transactions.bankAccountId))
    .where(and(...conditions))
    .orderBy(asc(transactions.insertedXid), asc(transactions.id))
    .limit(query.limit + 1);
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => ({
      id: row.id, accountId: row.accountId, onlineTransactionId: row.onlineTransactionId, bookingDate: row.bookingDate,
      valueDate: row.valueDate, amount: row.amount, currency: row.currency, description: row.description,
      partnerName: row.partnerName, partnerAccount: row.partnerAccount, reference: row.reference, source: row.source,
      status: row.reconciledAt ? "reconciled" as const : "unreconciled" as const,
      possibleDuplicate: row.possibleDuplicate,
      removedByBank: row.removedAtProviderAt !== null,
      createdAt: row.createdAt.toISOString(),
    })),
    // An empty page keeps the client's cursor, so polling resumes where it was.
    nextSince: last ? `${last.insertedXid}.${last.id}` : query.since ?? null,
    hasMore,
  };
}

export async function apiConnections(db: Db, companyId: string): Promise<Connection[]> {
  const rows = await db
    .select({
      id: bankConnections.id, provider: bankConnections.provider, institutionName: institutions.name, state: shownState,
      autoSync: bankConnections.autoSync, consentExpiresAt: bankConnections.consentExpiresAt, lastError: bankConnections.lastErrorMessage,
      lastRun: sql<{ id: string; status: string; trigger: string; startedAt: string; finishedAt: string | null; inserted: number; errorMessage: string | null } | null>`(
        select json_build_object('id', r.id, 'status', r.status, 'trigger', r.trigger, 'startedAt', r.started_at, 'finishedAt', r.finished_at,
          'inserted', r.inserted, 'errorMessage', r.error_message)
        from sync_runs r where r.connection_id = ${bankConnections.id} order by r.started_at desc limit 1)`,
    })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(eq(bankConnections.companyId, companyId))
    .orderBy(asc(bankConnections.createdAt), asc(bankConnections.id));
  return rows.map((row) => ({
    ...row,
    consentExpiresAt: iso(row.consentExpiresAt),
    lastRun: row.lastRun
      ? {
        ...row.lastRun,
        status: row.lastRun.status as NonNullable<Connection["lastRun"]>["status"],
        startedAt: new Date(row.lastRun.startedAt).toISOString(),
        finishedAt: row.lastRun.finishedAt ? new Date(row.lastRun.finishedAt).toISOString() : null,
      }
      : null,
  }));
}

/** One synchronization run of the company, or null. */
export async function apiRun(db: Db, companyId: string, runId: string): Promise<SyncRun | null> {
  const [run] = await db
    .select({
      id: syncRuns.id, status: syncRuns.status, trigger: syncRuns.trigger, startedAt: syncRuns.startedAt, finishedAt: syncRuns.finishedAt,
      inserted: syncRuns.inserted, errorMessage: syncRuns.errorMessage,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.companyId, companyId)));
  return run ? { ...run, startedAt: run.startedAt.toISOString(), finishedAt: iso(run.finishedAt) } : null;
}
