/**
 * The one function that writes transactions (DESIGN.md: every write to `transactions`
 * goes through here). Rows are inserted in batches; the unique (account, online id) index
 * makes a re-run insert nothing, lines a user deleted stay deleted (transaction_deletions),
 * and lines that share date, amount and currency with another line of the account are
 * stored but flagged as possible duplicates.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
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

const BATCH_SIZE = 5_000;

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
  for (let start = 0; start < input.lines.length; start += BATCH_SIZE) {
    const batch = input.lines.slice(start, start + BATCH_SIZE);
    const rows = batch.map((line) => ({
      online_transaction_id: line.onlineTransactionId,
      booking_date: line.bookingDate,
      value_date: line.valueDate,
      amount: normalizeDecimal(line.amount, 4),
      currency: line.currency.toUpperCase(),
      description: line.description,
      partner_name: line.partnerName,
      partner_account: line.partnerAccount,
      reference: line.reference,
    }));
    // The rows travel as one JSON parameter and are expanded server-side, so a batch is
    // one round trip whatever its size. A line is flagged as it is inserted when its
    // fingerprint is already on the account or appears twice in the batch.
    const inserted = await tx.execute<{ booking_date: string; amount: string; currency: string; possible_duplicate: boolean }>(sql`
      with r as (
        select r.*, count(*) over (partition by r.booking_date, r.amount, r.currency) as same_in_batch
        from rows from (json_to_recordset(${JSON.stringify(rows)}::json) as (
          online_transaction_id text, booking_date date, value_date date, amount numeric,
          currency text, description text, partner_name text, partner_account text, reference text))
          with ordinality as r(online_transaction_id, booking_date, value_date, amount, currency,
            description, partner_name, partner_account, reference, position)
      )
      insert into transactions (bank_account_id, online_transaction_id, booking_date, value_date, amount,
        currency, description, partner_name, partner_account, reference, source, sync_run_id, statement_import_id, possible_duplicate)
      select ${input.bankAccountId}::uuid, r.online_transaction_id, r.booking_date, r.value_date, r.amount,
        r.currency, coalesce(r.description, ''), r.partner_name, r.partner_account, r.reference,
        ${input.source}::transaction_source, ${input.syncRunId}::uuid, ${input.statementImportId ?? null}::uuid,
        r.same_in_batch > 1 or exists (
          select 1 from transactions o
          where o.bank_account_id = ${input.bankAccountId}::uuid and o.booking_date = r.booking_date
            and o.amount = r.amount and o.currency = r.currency)
      from r
      -- Deleted means deleted: a line a user deleted (and did not restore) never comes back,
      -- by its online id, or for a line without one by date, amount, currency and text.
      where not exists (
          select 1 from transaction_deletions d
          where d.bank_account_id = ${input.bankAccountId}::uuid and d.restored_at is null
            and d.online_transaction_id = r.online_transaction_id)
        and (r.online_transaction_id is not null or not exists (
          select 1 from transaction_deletions d
          where d.bank_account_id = ${input.bankAccountId}::uuid and d.restored_at is null and d.online_transaction_id is null
            and d.booking_date = r.booking_date and d.amount = r.amount and d.currency = r.currency
            and d.description = coalesce(r.description, '')))
      order by r.position -- ids follow the provider's order
      on conflict (bank_account_id, online_transaction_id) do nothing
      returning booking_date::text, amount::text, currency, possible_duplicate
    `);
    result.inserted += inserted.length;
    result.skipped += batch.length - inserted.length;
    const flaggedNow = inserted.filter((row) => row.possible_duplicate);
    result.possibleDuplicates += flaggedNow.length;
    if (flaggedNow.length > 0) result.possibleDuplicates += await flagEarlierTwins(tx, input.bankAccountId, flaggedNow);
  }
  return result;
}

/**
 * The lines already on the account that the new ones duplicate are flagged too (the
 * first of a pair was stored unflagged). Returns how many lines it newly flagged.
 */
async function flagEarlierTwins(
  tx: Tx,
  bankAccountId: string,
  fingerprints: readonly { booking_date: string; amount: string; currency: string }[],
): Promise<number> {
  const distinct = [...new Map(fingerprints.map((f) => [`${f.booking_date}|${f.amount}|${f.currency}`, f])).values()];
  const flagged = await tx.execute(sql`
    update transactions t set possible_duplicate = true
    from json_to_recordset(${JSON.stringify(distinct)}::json) as f(booking_date date, amount numeric, currency text)
    where t.bank_account_id = ${bankAccountId}::uuid
      and t.booking_date = f.booking_date and t.amount = f.amount and t.currency = f.currency
      and not t.possible_duplicate
    returning t.id
  `);
  return flagged.length;
}
