/** The shown columns of lines found by the duplicate searches, read by primary key. */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { DuplicateLine } from "./find";

/**
 * A line's source columns, for a query whose line is `line` (with its source), its account
 * `a` and its statement import `si` (left joined): the user tells lines apart by where they
 * came from, not by an online id.
 */
export function lineSourceColumns(line: "t" | "w") {
  return sql.raw(`${line}.source::text as source, case when ${line}.source = 'file' then si.file_name when ${line}.source = 'sync' then a.bank_name end as source_name`);
}

type Row = {
  id: string | number; bank_account_id: string; account_name: string; online_transaction_id: string | null; booking_date: string;
  amount: string; currency: string; description: string; partner_name: string | null; reference: string | null; reconciled: boolean;
  source: DuplicateLine["source"]; source_name: string | null;
};

export async function loadDuplicateLines(db: Db, ids: readonly number[]): Promise<Map<number, DuplicateLine>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<Row>(sql`
    select t.id, t.bank_account_id, a.name as account_name, t.online_transaction_id, t.booking_date::text, t.amount::text, t.currency,
      t.description, t.partner_name, t.reference, t.reconciled_at is not null as reconciled, ${lineSourceColumns("t")}
    from transactions t join bank_accounts a on a.id = t.bank_account_id
      left join statement_imports si on si.id = t.statement_import_id
    where t.id = any(${`{${[...new Set(ids)].join(",")}}`}::bigint[])
  `);
  return new Map(rows.map((row) => [Number(row.id), {
    id: Number(row.id), bankAccountId: row.bank_account_id, accountName: row.account_name, onlineTransactionId: row.online_transaction_id,
    bookingDate: row.booking_date, amount: row.amount, currency: row.currency, description: row.description,
    partnerName: row.partner_name, reference: row.reference, reconciled: row.reconciled, source: row.source, sourceName: row.source_name,
  }]));
}
