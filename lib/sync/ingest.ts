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
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { normalizeDecimal } from "@/lib/money";
import { copyRows } from "@/db/copy-in";

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
  await lockAccountForIngest(tx, input.bankAccountId);
  const add = (counts: { inserted: number; flagged: number }, size: number) => {
    result.inserted += counts.inserted;
    result.skipped += size - counts.inserted;
    result.possibleDuplicates += counts.flagged;
  };
  // The next batch is prepared and sent while PostgreSQL still writes the current one
  // (the driver pipelines them on the transaction's connection); the server runs them in
  // order, so each batch's duplicate check sees the lines of the batches before it.
  let inFlight: { counts: Promise<{ inserted: number; flagged: number }>; size: number } | null = null;
  for (let start = 0; start < input.lines.length; start += BATCH_SIZE) {
    const batch = input.lines.slice(start, start + BATCH_SIZE);
    const next = { counts: insertBatch(tx, input, batch), size: batch.length };
    // Should an earlier batch fail, this one fails with it (same transaction): the first
    // failure is the one thrown, so this one's rejection must not go unhandled meanwhile.
    next.counts.catch(() => {});
    if (inFlight) add(await inFlight.counts, inFlight.size);
    inFlight = next;
  }
  if (inFlight) add(await inFlight.counts, inFlight.size);
  return result;
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

/** One column per array parameter: PostgreSQL reads typed arrays faster than JSON. */
function columns(batch: IngestLine[]) {
  const cols = {
    ids: [] as (string | null)[], bookingDates: [] as string[], valueDates: [] as (string | null)[], amounts: [] as string[],
    currencies: [] as string[], descriptions: [] as string[], partnerNames: [] as (string | null)[],
    partnerAccounts: [] as (string | null)[], references: [] as (string | null)[],
  };
  let earliest = batch[0]!.bookingDate;
  let latest = earliest;
  for (const line of batch) {
    cols.ids.push(line.onlineTransactionId);
    cols.bookingDates.push(line.bookingDate);
    cols.valueDates.push(line.valueDate);
    cols.amounts.push(normalizeDecimal(line.amount, 4));
    cols.currencies.push(line.currency.toUpperCase());
    cols.descriptions.push(line.description ?? "");
    cols.partnerNames.push(line.partnerName);
    cols.partnerAccounts.push(line.partnerAccount);
    cols.references.push(line.reference);
    // ISO dates compare as strings.
    if (line.bookingDate < earliest) earliest = line.bookingDate;
    if (line.bookingDate > latest) latest = line.bookingDate;
  }
  return { ...cols, earliest, latest };
}

/**
 * Inserts one batch in one statement and returns how many lines it inserted and how many
 * lines it flagged as possible duplicates (new ones and the earlier lines they repeat).
 */
async function insertBatch(
  tx: Tx,
  input: { bankAccountId: string; source: "sync" | "file" | "manual"; syncRunId: string | null; statementImportId?: string | null },
  batch: IngestLine[],
): Promise<{ inserted: number; flagged: number }> {
  const c = columns(batch);
  const account = sql`${input.bankAccountId}::uuid`;
  // Sent as text[] (which the driver serializes) and cast by PostgreSQL element by element.
  const array = (values: unknown[], type: "text" | "date" | "numeric") =>
    type === "text" ? sql`${sql.param(values)}::text[]` : sql`${sql.param(values)}::text[]::${sql.raw(type)}[]`;
  // A line is flagged as it is inserted when its fingerprint (date, amount, currency) is
  // already on the account or appears twice in the batch; the earlier line it repeats is
  // flagged by the same statement (the update sees only the lines from before it). The
  // probes are bounded by the batch's dates, so a batch never reads the whole account.
  const [row] = await tx.execute<{ inserted: number; flagged_new: number; flagged_earlier: number }>(sql`
    with r as (
      select r.*, count(*) over (partition by r.booking_date, r.amount, r.currency) as same_in_batch
      from unnest(${array(c.ids, "text")}, ${array(c.bookingDates, "date")}, ${array(c.valueDates, "date")},
        ${array(c.amounts, "numeric")}, ${array(c.currencies, "text")}, ${array(c.descriptions, "text")},
        ${array(c.partnerNames, "text")}, ${array(c.partnerAccounts, "text")}, ${array(c.references, "text")})
        with ordinality as r(online_transaction_id, booking_date, value_date, amount, currency,
          description, partner_name, partner_account, reference, position)
    ),
    earlier as (
      select distinct o.booking_date, o.amount, o.currency from transactions o
      where o.bank_account_id = ${account}
        and o.booking_date between ${c.earliest}::date and ${c.latest}::date
    ),
    inserted as (
      insert into transactions (bank_account_id, online_transaction_id, booking_date, value_date, amount,
        currency, description, partner_name, partner_account, reference, source, sync_run_id, statement_import_id, possible_duplicate)
      select ${account}, r.online_transaction_id, r.booking_date, r.value_date, r.amount,
        r.currency, r.description, r.partner_name, r.partner_account, r.reference,
        ${input.source}::transaction_source, ${input.syncRunId}::uuid, ${input.statementImportId ?? null}::uuid,
        r.same_in_batch > 1 or exists (
          select 1 from earlier e
          where e.booking_date = r.booking_date and e.amount = r.amount and e.currency = r.currency)
      from r
      -- Deleted means deleted: a line a user deleted (and did not restore) never comes back,
      -- by its online id, or for a line without one by date, amount, currency and text.
      where not exists (
          select 1 from transaction_deletions d
          where d.bank_account_id = ${account} and d.restored_at is null
            and d.online_transaction_id = r.online_transaction_id)
        and (r.online_transaction_id is not null or not exists (
          select 1 from transaction_deletions d
          where d.bank_account_id = ${account} and d.restored_at is null and d.online_transaction_id is null
            and d.booking_date = r.booking_date and d.amount = r.amount and d.currency = r.currency
            and d.description = r.description))
      order by r.position -- ids follow the provider's order
      on conflict (bank_account_id, online_transaction_id) do nothing
      returning booking_date, amount, currency, possible_duplicate
    ),
    twins as (
      update transactions t set possible_duplicate = true
      from (select distinct booking_date, amount, currency from inserted where possible_duplicate) f
      where t.bank_account_id = ${account}
        and t.booking_date between ${c.earliest}::date and ${c.latest}::date
        and t.booking_date = f.booking_date and t.amount = f.amount and t.currency = f.currency
        and not t.possible_duplicate
      returning t.id
    )
    select (select count(*) from inserted)::int as inserted,
      (select count(*) from inserted where possible_duplicate)::int as flagged_new,
      (select count(*) from twins)::int as flagged_earlier
  `);
  return { inserted: row!.inserted, flagged: row!.flagged_new + row!.flagged_earlier };
}


const STAGING_COLUMNS = ["position", "online_transaction_id", "booking_date", "value_date", "amount", "currency", "description", "partner_name", "partner_account", "reference"];

export async function ingestTransactionsStaged(
  tx: Tx,
  input: {
    bankAccountId: string;
    source: "sync" | "file" | "manual";
    syncRunId: string | null;
    statementImportId?: string | null;
    lines: IngestLine[];
  },
): Promise<IngestResult> {
  const result: IngestResult = { inserted: 0, skipped: 0, possibleDuplicates: 0 };
  if (input.lines.length === 0) return result;
  await lockAccountForIngest(tx, input.bankAccountId);
  // One staging table per database session, emptied at every commit: no catalog churn per batch.
  await tx.execute(sql`
    create temporary table if not exists ingest_batch (position integer, online_transaction_id text, booking_date date,
      value_date date, amount numeric(20, 4), currency text, description text, partner_name text, partner_account text,
      reference text) on commit delete rows`);
  for (let start = 0; start < input.lines.length; start += BATCH_SIZE) {
    const batch = input.lines.slice(start, start + BATCH_SIZE);
    const counts = await insertStagedBatch(tx, input, batch);
    result.inserted += counts.inserted;
    result.skipped += batch.length - counts.inserted;
    result.possibleDuplicates += counts.flagged;
  }
  return result;
}

async function insertStagedBatch(
  tx: Tx,
  input: { bankAccountId: string; source: "sync" | "file" | "manual"; syncRunId: string | null; statementImportId?: string | null },
  batch: IngestLine[],
): Promise<{ inserted: number; flagged: number }> {
  let earliest = batch[0]!.bookingDate;
  let latest = earliest;
  const rows = batch.map((line, position) => {
    if (line.bookingDate < earliest) earliest = line.bookingDate;
    if (line.bookingDate > latest) latest = line.bookingDate;
    return [String(position), line.onlineTransactionId, line.bookingDate, line.valueDate, normalizeDecimal(line.amount, 4), line.currency.toUpperCase(),
      line.description ?? "", line.partnerName, line.partnerAccount, line.reference];
  });
  await tx.execute(sql`truncate ingest_batch`);
  await copyRows(tx, "ingest_batch", STAGING_COLUMNS, rows);
  const account = sql`${input.bankAccountId}::uuid`;
  const [row] = await tx.execute<{ inserted: number; flagged_new: number; flagged_earlier: number }>(sql`
    with r as (
      select r.*, count(*) over (partition by r.booking_date, r.amount, r.currency) as same_in_batch from ingest_batch r
    ),
    earlier as (
      select distinct o.booking_date, o.amount, o.currency from transactions o
      where o.bank_account_id = ${account}
        and o.booking_date between ${earliest}::date and ${latest}::date
    ),
    inserted as (
      insert into transactions (bank_account_id, online_transaction_id, booking_date, value_date, amount,
        currency, description, partner_name, partner_account, reference, source, sync_run_id, statement_import_id, possible_duplicate)
      select ${account}, r.online_transaction_id, r.booking_date, r.value_date, r.amount,
        r.currency, r.description, r.partner_name, r.partner_account, r.reference,
        ${input.source}::transaction_source, ${input.syncRunId}::uuid, ${input.statementImportId ?? null}::uuid,
        r.same_in_batch > 1 or exists (
          select 1 from earlier e
          where e.booking_date = r.booking_date and e.amount = r.amount and e.currency = r.currency)
      from r
      where not exists (
          select 1 from transaction_deletions d
          where d.bank_account_id = ${account} and d.restored_at is null
            and d.online_transaction_id = r.online_transaction_id)
        and (r.online_transaction_id is not null or not exists (
          select 1 from transaction_deletions d
          where d.bank_account_id = ${account} and d.restored_at is null and d.online_transaction_id is null
            and d.booking_date = r.booking_date and d.amount = r.amount and d.currency = r.currency
            and d.description = r.description))
      order by r.position
      on conflict (bank_account_id, online_transaction_id) do nothing
      returning booking_date, amount, currency, possible_duplicate
    ),
    twins as (
      update transactions t set possible_duplicate = true
      from (select distinct booking_date, amount, currency from inserted where possible_duplicate) f
      where t.bank_account_id = ${account}
        and t.booking_date between ${earliest}::date and ${latest}::date
        and t.booking_date = f.booking_date and t.amount = f.amount and t.currency = f.currency
        and not t.possible_duplicate
      returning t.id
    )
    select (select count(*) from inserted)::int as inserted,
      (select count(*) from inserted where possible_duplicate)::int as flagged_new,
      (select count(*) from twins)::int as flagged_earlier
  `);
  return { inserted: row!.inserted, flagged: row!.flagged_new + row!.flagged_earlier };
}
