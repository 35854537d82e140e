/**
 * What the ingest (./ingest.ts) asks the database before it copies a batch: whether the
 * account holds anything yet, which of the batch's online ids it has or deleted, which of
 * the batch's fingerprints it already has, and how many lines the duplicate-groups trigger
 * flagged. Lists go to PostgreSQL as one array literal, a constant of the planned query:
 * if the planner scans the account's lines instead of probing the index (its statistics
 * may not know yet how many lines a fresh account gained in this very transaction), each
 * line is then checked against a hashed set, never against every element of the list.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";

/** A PostgreSQL array literal of `values` (every element quoted, so any text survives). */
function arrayLiteral(values: string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

/**
 * Whether the account has no lines and no deleted lines: nothing a new line could repeat
 * or must stay out for. Two index probes.
 */
export async function accountIsEmpty(tx: Tx, bankAccountId: string): Promise<boolean> {
  const [row] = await tx.execute<{ empty: boolean }>(sql`
    select not exists (select 1 from transactions where bank_account_id = ${bankAccountId}::uuid)
      and not exists (select 1 from transaction_deletions where bank_account_id = ${bankAccountId}::uuid and restored_at is null) as empty`);
  return row!.empty;
}

/**
 * What of a batch must not be inserted: online ids the account already has, and deleted
 * lines (deleted means deleted: a line a user deleted and did not restore never comes back,
 * by its online id, or for a line without one by date, amount, currency and text).
 */
export async function linesToSkip(
  tx: Tx,
  bankAccountId: string,
  batch: { onlineTransactionId: string | null; bookingDate: string }[],
): Promise<{ ids: Set<string>; deletedContent: Set<string> }> {
  const ids = batch.flatMap((line) => (line.onlineTransactionId === null ? [] : [line.onlineTransactionId]));
  const account = sql`${bankAccountId}::uuid`;
  const idList = sql`${arrayLiteral(ids)}::text[]`;
  const known = ids.length === 0 ? [] : await tx.execute<{ id: string }>(sql`
    select online_transaction_id as id from transactions
    where bank_account_id = ${account} and online_transaction_id = any(${idList})
    union
    select online_transaction_id from transaction_deletions
    where bank_account_id = ${account} and restored_at is null and online_transaction_id = any(${idList})`);
  const withoutId = batch.filter((line) => line.onlineTransactionId === null);
  let deleted: { booking_date: string; amount: string; currency: string; description: string }[] = [];
  if (withoutId.length > 0) {
    const dates = withoutId.map((line) => line.bookingDate).sort();
    deleted = await tx.execute(sql`
      select booking_date::text, amount::text, currency, description from transaction_deletions
      where bank_account_id = ${account} and restored_at is null and online_transaction_id is null
        and booking_date between ${dates[0]}::date and ${dates[dates.length - 1]}::date`);
  }
  return {
    ids: new Set(known.map((row) => row.id)),
    deletedContent: new Set(deleted.map((row) => contentKey(row.booking_date, row.amount, row.currency, row.description))),
  };
}

/** The key a deleted line without an online id is known by. */
export function contentKey(bookingDate: string, amount: string, currency: string, description: string): string {
  return JSON.stringify([bookingDate, amount, currency, description]);
}

/** Which of the fingerprints ("date|amount|currency") the account already has: one index probe each. */
export async function fingerprintsOnAccount(tx: Tx, bankAccountId: string, fingerprints: string[]): Promise<Set<string>> {
  const parts = fingerprints.map((key) => key.split("|"));
  const column = (i: number) => arrayLiteral(parts.map((part) => part[i]!));
  const found = await tx.execute<{ key: string }>(sql`
    select f.d::text || '|' || f.a || '|' || f.c as key
    from unnest(${column(0)}::date[], ${column(1)}::text[], ${column(2)}::text[]) as f(d, a, c)
    where exists (
      select 1 from transactions t
      where t.bank_account_id = ${bankAccountId}::uuid and t.booking_date = f.d and t.amount = f.a::numeric and t.currency = f.c)`);
  return new Set(found.map((row) => row.key));
}

/**
 * Tells the duplicate-groups insert trigger (migration 0027) whether the coming statements'
 * new lines come flagged by their writer (then only the flagged ones can have made a group,
 * and the trigger recounts just their fingerprints instead of probing every new line's), and
 * returns how many lines the trigger has flagged in this transaction so far: it flags the
 * earlier lines that new lines made a group and adds the count to a transaction-local
 * setting, the one way a trigger can hand a number back to the statement's caller.
 */
export async function newLinesFlaggedByWriter(tx: Tx, flagged: boolean): Promise<number> {
  const [row] = await tx.execute<{ flagged: string | null }>(sql`
    select current_setting('openbanksync.flagged_lines', true) as flagged,
      set_config('openbanksync.new_lines_flagged', ${flagged ? "on" : ""}, true)`);
  return Number(row?.flagged || 0);
}
