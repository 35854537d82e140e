/**
 * What a statement export holds: one account's booked lines in a period, oldest first, and
 * the balances before and after them where the app knows them.
 */
import "server-only";
import { and, asc, eq, gt, gte, lt, lte, min, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, transactions } from "@/db/schema";
import { negate } from "@/lib/import/values";
import { sumDecimals } from "@/lib/money";
import type { IngestLine } from "@/lib/sync/ingest";
import { isUuid } from "@/lib/uuid";

/** A stored line as exported: the fields the ingest wrote, and its id. */
export type StatementLine = IngestLine & { id: number };

export type StatementPeriod = {
  account: { id: string; name: string; accountNumber: string; bic: string | null; bankName: string | null; currency: string };
  from: string;
  to: string;
  lines: StatementLine[];
  /** Balances on the morning of `from` and the evening of `to`; null when not known. */
  opening: string | null;
  closing: string | null;
};

/**
 * Balances come from the account's opening balance (the balance before its first line)
 * plus the lines before the period; without one, from the bank's last reported balance
 * minus the lines after the period. Neither known: no balances.
 */
export async function loadStatementPeriod(
  db: Db,
  scope: { companyId: string; bankAccountId: string },
  requested: { from: string | null; to: string | null; today: string },
): Promise<StatementPeriod | null> {
  if (!isUuid(scope.bankAccountId)) return null;
  const [account] = await db
    .select({
      id: bankAccounts.id, name: bankAccounts.name, accountNumber: bankAccounts.accountNumber, bic: bankAccounts.bic,
      bankName: bankAccounts.bankName, currency: bankAccounts.currency,
      openingBalance: sql<string | null>`${bankAccounts.openingBalance}::text`, balance: sql<string | null>`${bankAccounts.balance}::text`,
    })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, scope.bankAccountId), eq(bankAccounts.companyId, scope.companyId)));
  if (!account) return null;

  // No start asked for: from the first line (or today on an empty account); no end: today.
  const [first] = await db.select({ date: min(transactions.bookingDate) }).from(transactions).where(eq(transactions.bankAccountId, account.id));
  const period = { from: requested.from ?? first?.date ?? requested.today, to: requested.to ?? requested.today };

  const lines = await db
    .select({
      id: transactions.id, onlineTransactionId: transactions.onlineTransactionId, bookingDate: transactions.bookingDate,
      valueDate: transactions.valueDate, amount: sql<string>`${transactions.amount}::text`, currency: transactions.currency,
      description: transactions.description, partnerName: transactions.partnerName, partnerAccount: transactions.partnerAccount,
      reference: transactions.reference,
    })
    .from(transactions)
    .where(and(eq(transactions.bankAccountId, account.id), gte(transactions.bookingDate, period.from), lte(transactions.bookingDate, period.to)))
    .orderBy(asc(transactions.bookingDate), asc(transactions.id));

  const sumWhere = async (condition: ReturnType<typeof and>) => {
    const [row] = await db
      .select({ total: sql<string>`coalesce(sum(${transactions.amount}), 0)::text` })
      .from(transactions)
      .where(and(eq(transactions.bankAccountId, account.id), condition));
    return row!.total;
  };
  const inPeriod = await sumWhere(and(gte(transactions.bookingDate, period.from), lte(transactions.bookingDate, period.to)));
  let opening: string | null = null;
  let closing: string | null = null;
  if (account.openingBalance !== null) {
    opening = sumDecimals([account.openingBalance, await sumWhere(lt(transactions.bookingDate, period.from))], 4);
    closing = sumDecimals([opening, inPeriod], 4);
  } else if (account.balance !== null) {
    closing = sumDecimals([account.balance, negate(await sumWhere(gt(transactions.bookingDate, period.to)))], 4);
    opening = sumDecimals([closing, negate(inPeriod)], 4);
  }
  const shown = { id: account.id, name: account.name, accountNumber: account.accountNumber, bic: account.bic, bankName: account.bankName, currency: account.currency };
  return { account: shown, from: period.from, to: period.to, lines, opening, closing };
}

/** Whether a statement of the account can state balances (a CAMT.053 export needs them). */
export async function statementBalanceKnown(db: Db, scope: { companyId: string; bankAccountId: string }): Promise<boolean> {
  if (!isUuid(scope.bankAccountId)) return false;
  const [row] = await db
    .select({ known: sql<boolean>`${bankAccounts.openingBalance} is not null or ${bankAccounts.balance} is not null` })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, scope.bankAccountId), eq(bankAccounts.companyId, scope.companyId)));
  return row?.known ?? false;
}
