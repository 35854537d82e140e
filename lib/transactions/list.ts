/**
 * Reads an account's transactions newest first, one page at a time, with keyset
 * pagination on (booking_date desc, id desc): every page is a short walk of the
 * `transactions_account_date_idx` index, however deep, so it stays fast at a million rows.
 */
import "server-only";
import { and, eq, gte, ilike, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, transactions } from "@/db/schema";
import type { PageCursor, TransactionCursor, TransactionFilter } from "./query-params";

export type TransactionRow = {
  id: number;
  bookingDate: string;
  valueDate: string | null;
  description: string;
  partnerName: string | null;
  partnerAccount: string | null;
  reference: string | null;
  amount: string;
  currency: string;
  reconciledAt: Date | null;
  counterpartLabel: string | null;
  /** When the bank withdrew this line after we stored it (kept for review, never deleted); null otherwise. */
  removedAtProviderAt: Date | null;
};

export type TransactionPage = {
  rows: TransactionRow[];
  /** Where the "Older" link starts, or null on the last page. */
  older: TransactionCursor | null;
  /** Where the "Newer" link starts, or null on the first page. */
  newer: TransactionCursor | null;
};

/** Which account, seen from which company: another company's account has no transactions. */
export type AccountScope = { companyId: string; bankAccountId: string };

export const PAGE_SIZE = 50;

const rowColumns = {
  id: transactions.id,
  bookingDate: transactions.bookingDate,
  valueDate: transactions.valueDate,
  description: transactions.description,
  partnerName: transactions.partnerName,
  partnerAccount: transactions.partnerAccount,
  reference: transactions.reference,
  amount: transactions.amount,
  currency: transactions.currency,
  reconciledAt: transactions.reconciledAt,
  counterpartLabel: transactions.counterpartLabel,
  removedAtProviderAt: transactions.removedAtProviderAt,
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function filterConditions(scope: AccountScope, filter: TransactionFilter): SQL[] {
  const conditions: SQL[] = [
    eq(transactions.bankAccountId, scope.bankAccountId),
    // Evaluated once per query (an InitPlan), not per row.
    sql`exists (select 1 from ${bankAccounts} where ${bankAccounts.id} = ${scope.bankAccountId} and ${bankAccounts.companyId} = ${scope.companyId})`,
  ];
  if (filter.from) conditions.push(gte(transactions.bookingDate, filter.from));
  if (filter.to) conditions.push(lte(transactions.bookingDate, filter.to));
  if (filter.text) {
    const pattern = `%${escapeLike(filter.text)}%`;
    conditions.push(
      or(ilike(transactions.description, pattern), ilike(transactions.partnerName, pattern), ilike(transactions.reference, pattern))!,
    );
  }
  return conditions;
}

// The index is (bank_account_id, booking_date DESC NULLS LAST, id DESC NULLS LAST). The ORDER BY
// must repeat the NULLS clauses (PostgreSQL's default for DESC is NULLS FIRST), or the planner
// cannot read the index in order and sorts instead.
const NEWEST_FIRST = [sql`${transactions.bookingDate} desc nulls last`, sql`${transactions.id} desc nulls last`];
const OLDEST_FIRST = [sql`${transactions.bookingDate} asc nulls first`, sql`${transactions.id} asc nulls first`];

function beyond(direction: PageCursor["direction"], key: TransactionCursor): SQL {
  const row = sql`(${transactions.bookingDate}, ${transactions.id})`;
  const cursor = sql`(${key.bookingDate}::date, ${key.id}::bigint)`;
  return direction === "older" ? sql`${row} < ${cursor}` : sql`${row} > ${cursor}`;
}

/**
 * The rows just beyond `cursor` (or the newest rows without one), in the walk's own
 * order: newest first for "older", oldest first for "newer". Exported for the EXPLAIN test.
 */
export function pageQuery(db: Db, scope: AccountScope, filter: TransactionFilter, cursor: PageCursor | null, limit: number) {
  const conditions = filterConditions(scope, filter);
  if (cursor) conditions.push(beyond(cursor.direction, cursor.key));
  return db
    .select(rowColumns)
    .from(transactions)
    .where(and(...conditions))
    .orderBy(...(cursor?.direction === "newer" ? OLDEST_FIRST : NEWEST_FIRST))
    .limit(limit);
}

async function existsBeyond(db: Db, scope: AccountScope, filter: TransactionFilter, cursor: PageCursor): Promise<boolean> {
  const rows = await pageQuery(db, scope, filter, cursor, 1);
  return rows.length > 0;
}

const keyOf = (row: TransactionRow): TransactionCursor => ({ bookingDate: row.bookingDate, id: row.id });

/** One page of the account's transactions, newest first, with the cursors of its neighbours. */
export async function listTransactions(
  db: Db,
  scope: AccountScope,
  options: { filter: TransactionFilter; cursor?: PageCursor | null; limit?: number },
): Promise<TransactionPage> {
  const limit = Math.min(Math.max(options.limit ?? PAGE_SIZE, 1), 500);
  const cursor = options.cursor ?? null;
  const fetched = await pageQuery(db, scope, options.filter, cursor, limit + 1);
  const hasMore = fetched.length > limit;
  const rows = fetched.slice(0, limit);
  if (cursor?.direction === "newer") rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return { rows, older: null, newer: null };

  const hasOlder = cursor?.direction === "newer"
    ? await existsBeyond(db, scope, options.filter, { direction: "older", key: keyOf(last) })
    : hasMore;
  const hasNewer = cursor === null
    ? false
    : cursor.direction === "newer"
      ? hasMore
      : await existsBeyond(db, scope, options.filter, { direction: "newer", key: keyOf(first) });
  return { rows, older: hasOlder ? keyOf(last) : null, newer: hasNewer ? keyOf(first) : null };
}

/** Every matching transaction, newest first, in batches: for exports that must not hold them all in memory. */
export async function* allTransactions(
  db: Db,
  scope: AccountScope,
  filter: TransactionFilter,
  batchSize = 1_000,
): AsyncGenerator<TransactionRow[]> {
  let cursor: PageCursor | null = null;
  for (;;) {
    const batch: TransactionRow[] = await pageQuery(db, scope, filter, cursor, batchSize);
    if (batch.length > 0) yield batch;
    const last = batch[batch.length - 1];
    if (!last || batch.length < batchSize) return;
    cursor = { direction: "older", key: keyOf(last) };
  }
}
