/**
 * The one function that writes transactions (DESIGN.md: every write to `transactions`
 * goes through here). Rows are inserted in batches; the unique (account, online id) index
 * makes a re-run insert nothing, lines a user deleted stay deleted (transaction_deletions),
 * and lines that share date, amount and currency with another line of the account are
 * stored but flagged as possible duplicates.
 *
 * Exactly once under the sync's overlapping windows (./window.ts): a line the bank sends
 * without an id arrives with the id its adapter built from the line's fingerprint and its
 * occurrence among identical lines of the read (GoCardless `gch_…#n`, Enable Banking
 * `fp:…:n`). A window covers whole days and the fingerprint holds the date, so every read
 * counts a day's identical lines alike: two real coffees stay two, a re-read adds none, and
 * the index alone decides, even between concurrent writers. A null id (a line typed by hand
 * or restored) is taken as a new line: only a whole read of the bank can say which
 * occurrence a line is.
 *
 * Each batch goes into `transactions` by COPY, after one index read of which of its online
 * ids the account already has or deleted (the per-account lock keeps that read true until
 * the COPY). A new line that repeats another's date, amount and currency goes in flagged as
 * a possible duplicate; the earlier line of such a pair is flagged by the database's own
 * insert trigger, which keeps the duplicate groups (migrations 0021, 0023). `npm run bench` times this path beside
 * the staged INSERT … SELECT … ON CONFLICT it replaced (scripts/lib/bench-ingest-staged.ts),
 * in the same run.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { copyRows } from "@/db/copy-in";
import { normalizeDecimal } from "@/lib/money";

export type IngestLine = {
  onlineTransactionId: string | null;
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  description: string;
  partnerName: string | null;
  partnerAccount: string | null;
  reference: string | null;
};

export type IngestResult = { inserted: number; skipped: number; possibleDuplicates: number };

export const BATCH_SIZE = 5_000;

/** The columns the ingest copies into `transactions`, in the order of its rows in COPY. */
const COPIED_COLUMNS = ["bank_account_id", "online_transaction_id", "booking_date", "value_date", "amount", "currency", "description",
  "partner_name", "partner_account", "reference", "source", "sync_run_id", "statement_import_id", "possible_duplicate"];

export async function ingestTransactions(
  tx: Tx,
  input: {
    bankAccountId: string;
    source: "sync" | "file" | "manual";
    syncRunId: string | null;
    /** The statement file import the lines come from (source "file"). */
    statementImportId?: string | null;
    lines: IngestLine[];
  },
): Promise<IngestResult> {
  const result: IngestResult = { inserted: 0, skipped: 0, possibleDuplicates: 0 };
  if (input.lines.length === 0) return result;
  await lockAccountForIngest(tx, input.bankAccountId);
  const flaggedBefore = await flaggedSoFar(tx);
  let flaggedAtCopy = 0;
  for (let start = 0; start < input.lines.length; start += BATCH_SIZE) {
    const batch = input.lines.slice(start, start + BATCH_SIZE);
    const written = await insertBatch(tx, input, batch);
    result.inserted += written.inserted;
    result.skipped += batch.length - written.inserted;
    flaggedAtCopy += written.flagged;
  }
  result.possibleDuplicates = flaggedAtCopy + (await flaggedSoFar(tx)) - flaggedBefore;
  return result;
}

/**
 * Inserts the lines of one batch that the account does not have and that were not deleted,
 * by COPY straight into `transactions`, in the batch's order (ids follow the provider's
 * order); returns how many it inserted. One index read first tells which of the batch's
 * online ids the account already has or deleted: the per-account lock (below) keeps any
 * other writer out until this transaction ends, so that read stays true until the COPY,
 * and the unique index still refuses a line stored twice by a writer that bypassed it.
 */
async function insertBatch(
  tx: Tx,
  input: { bankAccountId: string; source: "sync" | "file" | "manual"; syncRunId: string | null; statementImportId?: string | null },
  batch: IngestLine[],
): Promise<{ inserted: number; flagged: number }> {
  const skip = await linesToSkip(tx, input.bankAccountId, batch);
  const copied = new Set<string>();
  const rows: (string | null)[][] = [];
  for (const line of batch) {
    const amount = normalizeDecimal(line.amount, 4);
    const currency = line.currency.toUpperCase();
    const description = line.description ?? "";
    const id = line.onlineTransactionId;
    if (id !== null) {
      // A provider that repeats a line in one read sends it once more, not a second line.
      if (skip.ids.has(id) || copied.has(id)) continue;
      copied.add(id);
    } else if (skip.deletedContent.has(contentKey(line.bookingDate, amount, currency, description))) {
      continue;
    }
    rows.push([input.bankAccountId, id, line.bookingDate, line.valueDate, amount, currency, description, line.partnerName,
      line.partnerAccount, line.reference, input.source, input.syncRunId, input.statementImportId ?? null, "f"]);
  }
  if (rows.length === 0) return { inserted: 0, flagged: 0 };
  // New lines that repeat another's date, amount and currency go in flagged: the trigger then
  // only flags the earlier line of a pair, instead of rewriting every new line of a file
  // full of repeats (a second version of each row, with its five index entries).
  const fingerprintOf = (row: (string | null)[]) => `${row[2]}|${row[4]}|${row[5]}`;
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(fingerprintOf(row), (seen.get(fingerprintOf(row)) ?? 0) + 1);
  const onAccount = await fingerprintsOnAccount(tx, input.bankAccountId, [...seen.keys()]);
  let flagged = 0;
  for (const row of rows) {
    const key = fingerprintOf(row);
    if (seen.get(key)! > 1 || onAccount.has(key)) {
      row[13] = "t";
      flagged += 1;
    }
  }
  await copyRows(tx, "transactions", COPIED_COLUMNS, rows);
  return { inserted: rows.length, flagged };
}

/** Which of the fingerprints ("date|amount|currency") the account already has: one index probe each. */
async function fingerprintsOnAccount(tx: Tx, bankAccountId: string, fingerprints: string[]): Promise<Set<string>> {
  const wanted = fingerprints.map((key) => key.split("|"));
  const found = await tx.execute<{ key: string }>(sql`
    select f.d || '|' || f.a || '|' || f.c as key
    from jsonb_to_recordset(${JSON.stringify(wanted.map(([d, a, c]) => ({ d, a, c })))}::jsonb) as f(d text, a text, c text)
    where exists (
      select 1 from transactions t
      where t.bank_account_id = ${bankAccountId}::uuid and t.booking_date = f.d::date and t.amount = f.a::numeric and t.currency = f.c)`);
  return new Set(found.map((row) => row.key));
}

/**
 * What of a batch must not be inserted: online ids the account already has, and deleted
 * lines (deleted means deleted: a line a user deleted and did not restore never comes back,
 * by its online id, or for a line without one by date, amount, currency and text). The
 * ids are looked up through the unique index in one scan over the batch's sorted ids,
 * whatever the account's size or its statistics.
 */
async function linesToSkip(tx: Tx, bankAccountId: string, batch: IngestLine[]): Promise<{ ids: Set<string>; deletedContent: Set<string> }> {
  const ids = batch.flatMap((line) => (line.onlineTransactionId === null ? [] : [line.onlineTransactionId]));
  const account = sql`${bankAccountId}::uuid`;
  const idList = sql`array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
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

function contentKey(bookingDate: string, amount: string, currency: string, description: string): string {
  return JSON.stringify([bookingDate, amount, currency, description]);
}

/**
 * How many lines the database has flagged as possible duplicates in this transaction so
 * far: the insert trigger that keeps duplicate_groups (migration 0023) flags every line of
 * a fingerprint that new lines made a group (the new lines and the earlier ones they
 * repeat) and adds the count to this transaction-local setting, which a trigger is the
 * only way to hand back to the statement's caller.
 */
async function flaggedSoFar(tx: Tx): Promise<number> {
  const [row] = await tx.execute<{ flagged: string | null }>(sql`select current_setting('openbanksync.flagged_lines', true) as flagged`);
  return Number(row?.flagged || 0);
}

/**
 * Writers of one account take turns, until the end of their transaction. The unique index
 * alone keeps a line from being stored twice, but two writers inserting overlapping lines
 * in different orders each wait for the other's uncommitted line: PostgreSQL breaks that
 * deadlock by failing one of them, and its lines would be lost with its run. Taking turns
 * also lets each writer's duplicate probe see the other's lines.
 */
async function lockAccountForIngest(tx: Tx, bankAccountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ingest:${bankAccountId}`}, 0))`);
}
