/** Reads of bank accounts, always scoped to one company. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, bankConnections, institutions } from "@/db/schema";
import { shownState, type ShownState } from "@/lib/connections/status";
import { isUuid } from "@/lib/uuid";

export type BankAccountCard = {
  id: string;
  name: string;
  bankName: string | null;
  accountNumber: string;
  currency: string;
  balance: string | null;
  balanceAsOf: Date | null;
  lastSyncedAt: Date | null;
  syncEnabled: boolean;
  connectionId: string | null;
  /** lib/connections/status: the link's lifecycle, or what its newest run says. */
  connectionState: ShownState | null;
  institutionName: string | null;
  /** The aggregator serving the connection (lib/providers), null for a manual account. */
  provider: string | null;
  /** The provider flags the bank Beta: its support is limited (shown on the dashboard). */
  institutionBeta: boolean;
  /** Outcome of the connection's newest sync run, read from sync_runs (not stored twice). */
  lastRunStatus: string | null;
  lastRunMessage: string | null;
  /** The same error as a catalogue message (lib/i18n/stored-message), when it has one. */
  lastRunErrorKey: string | null;
  lastRunErrorParams: unknown;
  lastRunRetryAfter: Date | null;
};

const cardColumns = {
  id: bankAccounts.id,
  name: bankAccounts.name,
  bankName: bankAccounts.bankName,
  accountNumber: bankAccounts.accountNumber,
  currency: bankAccounts.currency,
  balance: bankAccounts.balance,
  balanceAsOf: bankAccounts.balanceAsOf,
  lastSyncedAt: bankAccounts.lastSyncedAt,
  syncEnabled: bankAccounts.syncEnabled,
  connectionId: bankAccounts.connectionId,
  connectionState: shownState,
  institutionName: institutions.name,
  provider: bankConnections.provider,
  institutionBeta: sql<boolean>`coalesce(${institutions.beta}, false)`,
  lastRunStatus: sql<string | null>`(select r.status::text from sync_runs r where r.connection_id = ${bankAccounts.connectionId} order by r.started_at desc limit 1)`,
  lastRunMessage: sql<string | null>`(select r.error_message from sync_runs r where r.connection_id = ${bankAccounts.connectionId} order by r.started_at desc limit 1)`,
  lastRunErrorKey: sql<string | null>`(select r.error_key from sync_runs r where r.connection_id = ${bankAccounts.connectionId} order by r.started_at desc limit 1)`,
  lastRunErrorParams: sql<unknown>`(select r.error_params from sync_runs r where r.connection_id = ${bankAccounts.connectionId} order by r.started_at desc limit 1)`,
  lastRunRetryAfter: sql<Date | null>`(select r.retry_after from sync_runs r where r.connection_id = ${bankAccounts.connectionId} order by r.started_at desc limit 1)`.mapWith((value: string) => new Date(value)),
};

export async function listBankAccounts(db: Db, companyId: string): Promise<BankAccountCard[]> {
  return db
    .select(cardColumns)
    .from(bankAccounts)
    .leftJoin(bankConnections, eq(bankConnections.id, bankAccounts.connectionId))
    .leftJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(eq(bankAccounts.companyId, companyId))
    .orderBy(asc(bankAccounts.createdAt), asc(bankAccounts.name));
}

/** One account of the company, or null when it does not exist or belongs to another company. */
export async function getBankAccount(db: Db, companyId: string, bankAccountId: string): Promise<BankAccountCard | null> {
  if (!isUuid(bankAccountId)) return null;
  const [row] = await db
    .select(cardColumns)
    .from(bankAccounts)
    .leftJoin(bankConnections, eq(bankConnections.id, bankAccounts.connectionId))
    .leftJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(bankAccounts.id, bankAccountId), eq(bankAccounts.companyId, companyId)));
  return row ?? null;
}
