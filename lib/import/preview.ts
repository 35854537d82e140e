/**
 * The preview of a staged import, computed in SQL: each line is "present" (its file id, or
 * its fingerprint, is already on the account or was deleted from it; a deleted line comes
 * back under no id, the bank's or the file's), "locked" (on or before the company's lock
 * date), "possible_duplicate" (new, but its date, amount and currency match another line
 * that its bank reference does not tell apart) or "new".
 */
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { statementImports } from "@/db/schema";
import type { ImportAccount } from "./account";
import { withImportPlanner } from "./planner";

export type ImportPreview = {
  total: number;
  new: number;
  present: number;
  possibleDuplicates: number;
  locked: number;
  lockDate: string | null;
  /** CSV lines left out because they are in another currency than the account's. */
  otherCurrencySkipped: number;
};

/**
 * Every line's verdict as (line_no, verdict). Both sides are aggregated per fingerprint
 * before they meet and every join is on equality, so with nested loops ruled out
 * (withImportPlanner) the work grows with the lines read, whatever the statistics say.
 */
export function previewVerdicts(importId: string, account: Pick<ImportAccount, "id" | "lockDate">) {
  const accountId = sql`${account.id}::uuid`;
  return sql`
    with l as materialized (
      select s.line_no, s.file_transaction_id, s.booking_date, s.amount, s.currency,
        -- Lines without a file id are matched by fingerprint, counting: the second -3.50 of
        -- a day is present only when the account already has two of them.
        row_number() over (partition by s.booking_date, s.amount, s.currency, s.file_transaction_id is null order by s.line_no) as occurrence,
        count(*) over fingerprint as same_in_file,
        -- A bank reference (the file's id, else the line's reference) tells equal-looking
        -- lines apart: a batch's details are distinct payments, not duplicates.
        count(*) filter (where coalesce(s.file_transaction_id, s.reference) is null) over fingerprint as unreferenced_in_file,
        count(*) over (partition by s.booking_date, s.amount, s.currency, coalesce(s.file_transaction_id, s.reference)) as same_reference_in_file,
        coalesce(s.file_transaction_id, s.reference) is null as unreferenced
      from statement_import_lines s
      where s.import_id = ${importId}::uuid
      window fingerprint as (partition by s.booking_date, s.amount, s.currency)
    ), on_account as materialized (
      select t.booking_date, t.amount, t.currency, count(*) as lines
      from transactions t
      where t.bank_account_id = ${accountId}
        and t.booking_date between (select min(booking_date) from l) and (select max(booking_date) from l)
      group by t.booking_date, t.amount, t.currency
    ), deleted as materialized (
      select d.booking_date, d.amount, d.currency, d.online_transaction_id
      from transaction_deletions d
      where d.bank_account_id = ${accountId} and d.restored_at is null
    ), deleted_by_fingerprint as (
      select booking_date, amount, currency, count(*) as lines from deleted group by booking_date, amount, currency
    ), file_ids as (
      select distinct file_transaction_id from l where file_transaction_id is not null
    ), deleted_elsewhere as (
      -- Lines deleted from the account under an id this file does not use (typically the
      -- bank's own id, synced, while the file has its statement ids): by fingerprint.
      select d.booking_date, d.amount, d.currency, count(*) as lines
      from deleted d left join file_ids f on f.file_transaction_id = d.online_transaction_id
      where d.online_transaction_id is not null and f.file_transaction_id is null
      group by d.booking_date, d.amount, d.currency
    ), known_ids as (
      select t.online_transaction_id as id from transactions t join file_ids f on f.file_transaction_id = t.online_transaction_id
      where t.bank_account_id = ${accountId}
      union
      select d.online_transaction_id from deleted d join file_ids f on f.file_transaction_id = d.online_transaction_id
    )
    select l.line_no, case
      when l.file_transaction_id is not null and (k.id is not null or l.occurrence <= coalesce(e.lines, 0)) then 'present'
      when l.file_transaction_id is null and l.occurrence <= coalesce(a.lines, 0) + coalesce(dd.lines, 0) then 'present'
      when ${account.lockDate}::date is not null and l.booking_date <= ${account.lockDate}::date then 'locked'
      when a.lines is not null
        or (l.same_in_file > 1 and (l.unreferenced or l.unreferenced_in_file > 0 or l.same_reference_in_file > 1)) then 'possible_duplicate'
      else 'new' end as verdict
    from l
    left join known_ids k on k.id = l.file_transaction_id
    left join deleted_elsewhere e on e.booking_date = l.booking_date and e.amount = l.amount and e.currency = l.currency
    left join on_account a on a.booking_date = l.booking_date and a.amount = l.amount and a.currency = l.currency
    left join deleted_by_fingerprint dd on dd.booking_date = l.booking_date and dd.amount = l.amount and dd.currency = l.currency
  `;
}

/** Stores every line's verdict and counts the lines per verdict, in one statement. */
export function previewStatement(importId: string, account: Pick<ImportAccount, "id" | "lockDate">) {
  return sql`
    with v as (${previewVerdicts(importId, account)}), updated as (
      update statement_import_lines s set verdict = v.verdict
      from v where s.import_id = ${importId}::uuid and s.line_no = v.line_no
      returning s.verdict
    )
    select verdict, count(*)::int as lines from updated group by verdict
  `;
}

export async function computePreview(tx: Tx, importId: string, account: Pick<ImportAccount, "id" | "lockDate">): Promise<ImportPreview> {
  const counts = await withImportPlanner(tx, () => tx.execute<{ verdict: string; lines: number }>(previewStatement(importId, account)));
  const of = (verdict: string) => counts.find((row) => row.verdict === verdict)?.lines ?? 0;
  const [row] = await tx
    .update(statementImports)
    .set({ status: "previewed", newCount: of("new"), alreadyPresentCount: of("present"), possibleDuplicateCount: of("possible_duplicate") })
    .where(eq(statementImports.id, importId))
    .returning({ otherCurrencySkipped: statementImports.otherCurrencySkipped });
  return {
    total: counts.reduce((sum, r) => sum + r.lines, 0),
    new: of("new"),
    present: of("present"),
    possibleDuplicates: of("possible_duplicate"),
    locked: of("locked"),
    lockDate: account.lockDate,
    otherCurrencySkipped: row?.otherCurrencySkipped ?? 0,
  };
}
