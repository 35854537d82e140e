/**
 * Reads for the pages: an account's lines still pending, where a posted line came from,
 * and the notes typed on pending lines (for Find Missing Transactions). Every read is
 * scoped to the company, so another company's account reads as empty.
 */
import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, pendingTransactions, transactions } from "@/db/schema";
import { toIsoDate } from "@/lib/dates";

export type AccountScope = { companyId: string; bankAccountId: string };

export type OpenPendingLine = {
  id: number;
  bookingDate: string;
  description: string;
  partnerName: string | null;
  amount: string;
  currency: string;
  note: string | null;
  userPartnerName: string | null;
  firstSeenAt: Date;
};

/** Where a posted line came from: shown as "Posted on …, was pending since …". */
export type PendingOrigin = { postedOn: string; pendingSince: string; note: string | null };

const inCompany = (scope: AccountScope) =>
  sql`exists (select 1 from ${bankAccounts} where ${bankAccounts.id} = ${scope.bankAccountId} and ${bankAccounts.companyId} = ${scope.companyId})`;

/** Pending lines the bank still lists and that have not posted, newest first. */
export async function listOpenPendingLines(db: Db, scope: AccountScope): Promise<OpenPendingLine[]> {
  return db
    .select({
      id: pendingTransactions.id, bookingDate: pendingTransactions.bookingDate, description: pendingTransactions.description,
      partnerName: pendingTransactions.partnerName, amount: pendingTransactions.amount, currency: pendingTransactions.currency,
      note: pendingTransactions.note, userPartnerName: pendingTransactions.userPartnerName, firstSeenAt: pendingTransactions.firstSeenAt,
    })
    .from(pendingTransactions)
    .where(and(
      eq(pendingTransactions.bankAccountId, scope.bankAccountId), inCompany(scope),
      isNull(pendingTransactions.postedAt), isNull(pendingTransactions.droppedAt),
    ))
    .orderBy(desc(pendingTransactions.bookingDate), asc(pendingTransactions.id));
}

/** For the posted lines among `transactionIds` that were pending first: transaction id -> origin. */
export async function pendingOrigins(db: Db, scope: AccountScope, transactionIds: number[]): Promise<Record<number, PendingOrigin>> {
  if (transactionIds.length === 0) return {};
  const rows = await db
    .select({ transactionId: transactions.id, postedAt: pendingTransactions.postedAt, firstSeenAt: pendingTransactions.firstSeenAt, note: transactions.note })
    .from(pendingTransactions)
    .innerJoin(transactions, eq(transactions.id, pendingTransactions.postedTransactionId))
    .where(and(eq(pendingTransactions.bankAccountId, scope.bankAccountId), inCompany(scope), inArray(pendingTransactions.postedTransactionId, transactionIds)));
  return Object.fromEntries(rows.map((row) => [row.transactionId, {
    postedOn: toIsoDate(row.postedAt ?? row.firstSeenAt), pendingSince: toIsoDate(row.firstSeenAt), note: row.note,
  }]));
}

/** The notes typed on the account's stored pending lines, by the bank's id of the line (the caller has checked the account). */
export async function pendingNotesByOnlineId(db: Db, bankAccountId: string, onlineIds: string[]): Promise<Map<string, string>> {
  if (onlineIds.length === 0) return new Map();
  const rows = await db
    .select({ onlineId: pendingTransactions.onlineTransactionId, note: pendingTransactions.note, partner: pendingTransactions.userPartnerName })
    .from(pendingTransactions)
    .where(and(eq(pendingTransactions.bankAccountId, bankAccountId), inArray(pendingTransactions.onlineTransactionId, onlineIds)));
  return new Map(rows
    .filter((row) => row.note || row.partner)
    .map((row) => [row.onlineId, [row.note, row.partner && `Partner: ${row.partner}`].filter(Boolean).join(" · ")]));
}
