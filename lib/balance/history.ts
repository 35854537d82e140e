/**
 * Reads of the balance checks, scoped to one company: the series for the account page's
 * chart, and the open gap (if any) that the dashboard card reports.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { balanceChecks, bankAccounts } from "@/db/schema";

export type BalancePoint = {
  checkedAt: Date;
  currency: string;
  bankBalance: string;
  computedBalance: string;
  difference: string;
  matches: boolean;
  linesThrough: string;
};

/** The chart shows this many checks at most (two syncs a day: about two months). */
export const HISTORY_POINTS = 120;

const pointColumns = {
  checkedAt: balanceChecks.checkedAt,
  currency: balanceChecks.currency,
  bankBalance: sql<string>`${balanceChecks.bankBalance}::text`,
  computedBalance: sql<string>`${balanceChecks.computedBalance}::text`,
  difference: sql<string>`${balanceChecks.difference}::text`,
  matches: sql<boolean>`${balanceChecks.difference} = 0`,
  linesThrough: balanceChecks.linesThrough,
};

/** The newest checks of the account, oldest first. */
export async function balanceHistory(db: Db, companyId: string, bankAccountId: string, limit = HISTORY_POINTS): Promise<BalancePoint[]> {
  const rows = await db
    .select(pointColumns)
    .from(balanceChecks)
    .innerJoin(bankAccounts, eq(bankAccounts.id, balanceChecks.bankAccountId))
    .where(and(eq(balanceChecks.bankAccountId, bankAccountId), eq(bankAccounts.companyId, companyId)))
    .orderBy(desc(balanceChecks.checkedAt), desc(balanceChecks.id))
    .limit(limit);
  return rows.reverse();
}

export type BalanceGap = {
  latest: BalancePoint;
  /** The lines date of the newest check that matched; null when none ever did. */
  lastMatchThrough: string | null;
};

/** The account's newest check when it differs from the bank; null when it matches or there is none. */
export async function currentBalanceGap(db: Db, companyId: string, bankAccountId: string): Promise<BalanceGap | null> {
  const [latest] = await balanceHistory(db, companyId, bankAccountId, 1);
  if (!latest || latest.matches) return null;
  const [lastMatch] = await db
    .select({ linesThrough: balanceChecks.linesThrough })
    .from(balanceChecks)
    .where(and(eq(balanceChecks.bankAccountId, bankAccountId), sql`${balanceChecks.difference} = 0`))
    .orderBy(desc(balanceChecks.checkedAt), desc(balanceChecks.id))
    .limit(1);
  return { latest, lastMatchThrough: lastMatch?.linesThrough ?? null };
}

/** The account's opening balance (null until the first check or an admin sets it), or undefined for a stranger's account. */
export async function openingBalanceOf(db: Db, companyId: string, bankAccountId: string): Promise<string | null | undefined> {
  const [row] = await db
    .select({ openingBalance: sql<string | null>`${bankAccounts.openingBalance}::text` })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, bankAccountId), eq(bankAccounts.companyId, companyId)));
  return row ? row.openingBalance : undefined;
}
