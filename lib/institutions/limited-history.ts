/**
 * Banks that keep a short history (often 90 days under PSD2): what the user is told after
 * the first synchronization and in Find Missing Transactions, as data the pages render in
 * the reader's language, so older lines are known to come from a statement file instead.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, bankConnections, institutions, syncRuns } from "@/db/schema";
import { addDays } from "@/lib/dates";
import { bankHistoryDays } from "./history-days";

/** Shorter than this many days is a limited history (the first sync logs its warning below the same line). */
export const LIMITED_HISTORY_BELOW_DAYS = 365;

export function isLimitedHistory(historyDays: number): boolean {
  return historyDays < LIMITED_HISTORY_BELOW_DAYS;
}

/** The first date the bank can still be asked about when a search starts at `startingDate`; null when the history covers it. */
export function searchableFrom(input: { startingDate: string; today: string; historyDays: number }): string | null {
  const oldest = addDays(input.today, -input.historyDays);
  return input.startingDate < oldest ? oldest : null;
}

export type LimitedFirstSync = {
  institution: string;
  historyDays: number;
  /** The earliest date the first synchronization read. */
  historyFrom: string;
  /** The accounts it read, each with its Import file page. */
  accounts: { id: string; name: string }[];
};

/**
 * What a just-finished first synchronization at a bank with a limited history read; null
 * when the run was not such a sync, did not succeed, or the bank keeps a long history.
 */
export async function limitedFirstSync(db: Db, companyId: string, runId: string): Promise<LimitedFirstSync | null> {
  const [run] = await db
    .select({
      connectionId: syncRuns.connectionId, trigger: syncRuns.trigger, status: syncRuns.status, historyFrom: syncRuns.historyFrom,
      institution: institutions.name, historyDays: bankHistoryDays,
    })
    .from(syncRuns)
    .innerJoin(bankConnections, eq(bankConnections.id, syncRuns.connectionId))
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.companyId, companyId)));
  if (!run?.connectionId || run.trigger !== "first_sync" || run.status !== "succeeded" || !run.historyFrom) return null;
  const historyDays = Number(run.historyDays);
  if (!isLimitedHistory(historyDays)) return null;
  const accounts = await db
    .select({ id: bankAccounts.id, name: bankAccounts.name })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.connectionId, run.connectionId), eq(bankAccounts.companyId, companyId), eq(bankAccounts.syncEnabled, true)))
    .orderBy(bankAccounts.name);
  return { institution: run.institution, historyDays, historyFrom: run.historyFrom, accounts };
}

/** How far back the bank of a synchronized account keeps its history; null for a manual account. */
export async function accountBankHistory(db: Db, companyId: string, bankAccountId: string): Promise<{ institution: string; historyDays: number } | null> {
  const [row] = await db
    .select({ institution: institutions.name, historyDays: bankHistoryDays })
    .from(bankAccounts)
    .innerJoin(bankConnections, eq(bankConnections.id, bankAccounts.connectionId))
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(bankAccounts.id, bankAccountId), eq(bankAccounts.companyId, companyId)));
  return row ? { institution: row.institution, historyDays: Number(row.historyDays) } : null;
}
