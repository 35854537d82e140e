/**
 * Some providers correct a transaction they sent before (Plaid's `modified`: a merchant
 * name cleaned up, an amount settled after a tip). The ingest keeps the first version of
 * every online id, so corrections are applied here: a stored line that is not reconciled
 * takes the provider's new values; a reconciled one is left as the accountant booked it and
 * counted, so the sync can say which lines need a look.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { normalizeDecimal } from "@/lib/money";
import type { IngestLine } from "./ingest";

export type CorrectionResult = { updated: number; reconciledChanged: number };

export async function applyCorrections(
  tx: Tx,
  input: { bankAccountId: string; lines: readonly (IngestLine & { onlineTransactionId: string })[] },
): Promise<CorrectionResult> {
  if (input.lines.length === 0) return { updated: 0, reconciledChanged: 0 };
  // The last correction of an id wins (a feed may correct the same line twice).
  const latest = new Map(input.lines.map((line) => [line.onlineTransactionId, line]));
  const rows = [...latest.values()].map((line) => ({
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
  const changed = await tx.execute<{ id: string; reconciled: boolean }>(sql`
    with c as (
      select * from json_to_recordset(${JSON.stringify(rows)}::json) as (
        online_transaction_id text, booking_date date, value_date date, amount numeric, currency text,
        description text, partner_name text, partner_account text, reference text)
    ),
    differing as (
      select t.id, t.reconciled_at is not null as reconciled, c.*
      from c join transactions t
        on t.bank_account_id = ${input.bankAccountId}::uuid and t.online_transaction_id = c.online_transaction_id
      where (t.booking_date, t.value_date, t.amount, t.currency, t.description, t.partner_name, t.partner_account, t.reference)
        is distinct from (c.booking_date, c.value_date, c.amount, c.currency, coalesce(c.description, ''), c.partner_name, c.partner_account, c.reference)
    ),
    updated as (
      update transactions t set booking_date = d.booking_date, value_date = d.value_date, amount = d.amount, currency = d.currency,
        description = coalesce(d.description, ''), partner_name = d.partner_name, partner_account = d.partner_account, reference = d.reference
      from differing d
      where t.id = d.id and not d.reconciled
      returning t.id
    )
    select id::text, reconciled from differing
  `);
  const reconciledChanged = changed.filter((row) => row.reconciled).length;
  return { updated: changed.length - reconciledChanged, reconciledChanged };
}
