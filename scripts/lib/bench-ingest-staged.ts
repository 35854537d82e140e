/**
 * The ingest path the shipped one (lib/sync/ingest.ts, COPY straight into `transactions`)
 * replaced, kept for `npm run bench` to time beside it in the same run: each batch copied
 * into a session's temporary table, then one INSERT … SELECT … ON CONFLICT DO NOTHING with
 * the deletion probes. Flags come from the same insert trigger. Not used by the product.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { copyRows } from "../../db/copy-in";
import { normalizeDecimal } from "../../lib/money";
import { BATCH_SIZE, type IngestLine } from "../../lib/sync/ingest";

const STAGING_COLUMNS = ["position", "online_transaction_id", "booking_date", "value_date", "amount", "currency", "description", "partner_name", "partner_account", "reference"];
type Target = { bankAccountId: string; source: "sync" | "file" | "manual"; syncRunId: string | null; statementImportId?: string | null };

/** Inserts the lines by the staged path; returns how many it inserted. */
export async function ingestStaged(tx: Tx, input: Target & { lines: IngestLine[] }): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ingest:${input.bankAccountId}`}, 0))`);
  await tx.execute(sql`
    create temporary table if not exists ingest_batch (position integer, online_transaction_id text, booking_date date,
      value_date date, amount numeric(20, 4), currency text, description text, partner_name text, partner_account text,
      reference text) on commit delete rows`);
  let inserted = 0;
  for (let start = 0; start < input.lines.length; start += BATCH_SIZE) {
    inserted += await insertStagedBatch(tx, input, input.lines.slice(start, start + BATCH_SIZE));
  }
  return inserted;
}

async function insertStagedBatch(
  tx: Tx,
  input: { bankAccountId: string; source: "sync" | "file" | "manual"; syncRunId: string | null; statementImportId?: string | null },
  batch: IngestLine[],
): Promise<number> {
  const rows = batch.map((line, position) => [String(position), line.onlineTransactionId, line.bookingDate, line.valueDate,
    normalizeDecimal(line.amount, 4), line.currency.toUpperCase(), line.description ?? "", line.partnerName, line.partnerAccount, line.reference]);
  await tx.execute(sql`truncate ingest_batch`);
  await copyRows(tx, "ingest_batch", STAGING_COLUMNS, rows);
  const account = sql`${input.bankAccountId}::uuid`;
  const [row] = await tx.execute<{ inserted: number }>(sql`
    with inserted as (
      insert into transactions (bank_account_id, online_transaction_id, booking_date, value_date, amount,
        currency, description, partner_name, partner_account, reference, source, sync_run_id, statement_import_id)
      select ${account}, r.online_transaction_id, r.booking_date, r.value_date, r.amount,
        r.currency, r.description, r.partner_name, r.partner_account, r.reference,
        ${input.source}::transaction_source, ${input.syncRunId}::uuid, ${input.statementImportId ?? null}::uuid
      from ingest_batch r
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
      returning 1
    )
    select count(*)::int as inserted from inserted
  `);
  return row!.inserted;
}
