/**
 * The preview of a staged import, computed in SQL: each line is "present" (its file id, or
 * its fingerprint, is already on the account or was deleted from it; a deleted line comes
 * back under no id, the bank's or the file's), "locked" (on or
 * before the company's lock date), "possible_duplicate" (new, but its date, amount and
 * currency match another line) or "new".
 */
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { statementImports } from "@/db/schema";
import type { ImportAccount } from "./account";

export type ImportPreview = { total: number; new: number; present: number; possibleDuplicates: number; locked: number; lockDate: string | null };

export async function computePreview(tx: Tx, importId: string, account: Pick<ImportAccount, "id" | "lockDate">): Promise<ImportPreview> {
  // Lines without a file id are matched by fingerprint, counting: the second -3.50 of a day
  // is present only when the account already has two of them.
  const counts = await tx.execute<{ verdict: string; lines: number }>(sql`
    with l as (
      select l.line_no, l.file_transaction_id, l.booking_date, l.amount, l.currency,
        row_number() over (partition by l.booking_date, l.amount, l.currency, l.file_transaction_id is null order by l.line_no) as occurrence,
        count(*) over (partition by l.booking_date, l.amount, l.currency) as same_in_file
      from statement_import_lines l
      where l.import_id = ${importId}::uuid
    ), deleted_elsewhere as (
      -- Lines deleted from the account under an id this file does not use (typically the
      -- bank's own id, synced, while the file has its statement ids): by fingerprint.
      select d.booking_date, d.amount, d.currency, count(*) as lines
      from transaction_deletions d
      where d.bank_account_id = ${account.id}::uuid and d.restored_at is null and d.online_transaction_id is not null
        and not exists (select 1 from statement_import_lines f
          where f.import_id = ${importId}::uuid and f.file_transaction_id = d.online_transaction_id)
      group by d.booking_date, d.amount, d.currency
    ), v as (
      select l.line_no, case
        when l.file_transaction_id is not null and (
          exists (select 1 from transactions t where t.bank_account_id = ${account.id}::uuid and t.online_transaction_id = l.file_transaction_id)
          or exists (select 1 from transaction_deletions d where d.bank_account_id = ${account.id}::uuid
            and d.online_transaction_id = l.file_transaction_id and d.restored_at is null)
          or l.occurrence <= coalesce((select e.lines from deleted_elsewhere e
            where e.booking_date = l.booking_date and e.amount = l.amount and e.currency = l.currency), 0)) then 'present'
        when l.file_transaction_id is null and l.occurrence <= (
          (select count(*) from transactions t where t.bank_account_id = ${account.id}::uuid
            and t.booking_date = l.booking_date and t.amount = l.amount and t.currency = l.currency)
          + (select count(*) from transaction_deletions d where d.bank_account_id = ${account.id}::uuid and d.restored_at is null
            and d.booking_date = l.booking_date and d.amount = l.amount and d.currency = l.currency)) then 'present'
        when ${account.lockDate}::date is not null and l.booking_date <= ${account.lockDate}::date then 'locked'
        when l.same_in_file > 1 or exists (select 1 from transactions t where t.bank_account_id = ${account.id}::uuid
          and t.booking_date = l.booking_date and t.amount = l.amount and t.currency = l.currency) then 'possible_duplicate'
        else 'new' end as verdict
      from l
    ), updated as (
      update statement_import_lines s set verdict = v.verdict
      from v where s.import_id = ${importId}::uuid and s.line_no = v.line_no
      returning s.verdict
    )
    select verdict, count(*)::int as lines from updated group by verdict
  `);
  const of = (verdict: string) => counts.find((row) => row.verdict === verdict)?.lines ?? 0;
  const preview: ImportPreview = {
    total: counts.reduce((sum, row) => sum + row.lines, 0),
    new: of("new"),
    present: of("present"),
    possibleDuplicates: of("possible_duplicate"),
    locked: of("locked"),
    lockDate: account.lockDate,
  };
  await tx
    .update(statementImports)
    .set({ status: "previewed", newCount: preview.new, alreadyPresentCount: preview.present, possibleDuplicateCount: preview.possibleDuplicates })
    .where(eq(statementImports.id, importId));
  return preview;
}
