/**
 * Find Duplicate Transactions: the lines of an account from a starting date that share an
 * online transaction id, or currency, amount, account number and date, in groups.
 *
 * Within one account every line has the account's number, and the unique (account, online
 * id) index means an online id cannot repeat, so the search is the fingerprint alone, and
 * it reads the account's duplicate groups (kept by the database at every write, see
 * db/schema/duplicate-groups.ts) rather than the lines of the range. When the company has other accounts
 * with the same account number (the same bank account added twice, say manually and
 * through a connection), their lines are searched too, and there an online id can repeat.
 *
 * Beside those, "pending twin" groups (./pending-twins.ts) come from their own small query,
 * and pairs a user marked "Not a duplicate" are dropped from what was found (./dismissed.ts),
 * so the searches above stay as they are.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { withoutDismissedPairs } from "./dismissed";
import { lineSourceColumns } from "./lines";
import { findPendingTwinGroups } from "./pending-twins";
import type { DuplicateReason } from "./reasons";

export type DuplicateLine = {
  id: number;
  bankAccountId: string;
  accountName: string;
  onlineTransactionId: string | null;
  bookingDate: string;
  amount: string;
  currency: string;
  description: string;
  partnerName: string | null;
  reference: string | null;
  reconciled: boolean;
  /** Where the line came from: the bank's synchronization, a statement file, or typed by hand. */
  source: "sync" | "file" | "manual";
  /** The statement file's name (source "file") or the bank's name (source "sync"), when known. */
  sourceName: string | null;
};

export type DuplicateGroup = {
  key: string;
  /**
   * "online_id": the same online transaction id; "fingerprint": same currency, amount, account
   * number and date; "pending_twin": a posted line linked from a pending one, and lines of the
   * account with its amount and currency a few days apart.
   */
  reason: DuplicateReason;
  bookingDate: string;
  amount: string;
  currency: string;
  lines: DuplicateLine[];
};

export type DuplicateSearch = { groups: DuplicateGroup[]; truncated: boolean };

/**
 * A page shows at most this many lines, the newest; the user deletes or dismisses some and
 * searches again. A thousand lines made a page of 1.4 MB that took a quarter of a second
 * to render over HTTP; a hundred weigh about what a page of the transactions list weighs,
 * and are as many as anyone checks before deleting.
 */
export const MAX_LINES = 100;

const normalizedNumber = (column: unknown) => sql`upper(regexp_replace(${column}, '\\s', '', 'g'))`;

export async function findDuplicateGroups(
  db: Db,
  input: { companyId: string; bankAccountId: string; startingDate: string },
): Promise<DuplicateSearch> {
  const [account] = await db
    .select({ id: bankAccounts.id, accountNumber: bankAccounts.accountNumber })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, input.bankAccountId), eq(bankAccounts.companyId, input.companyId)));
  if (!account) return { groups: [], truncated: false };
  const siblings = account.accountNumber.trim() === "" ? [] : await db
    .select({ id: bankAccounts.id })
    .from(bankAccounts)
    .where(and(
      eq(bankAccounts.companyId, input.companyId),
      ne(bankAccounts.id, account.id),
      sql`${normalizedNumber(bankAccounts.accountNumber)} = ${normalizedNumber(sql`${account.accountNumber}::text`)}`,
    ));
  const [rows, pendingTwins] = await Promise.all([
    siblings.length === 0
      ? singleAccountRows(db, account.id, input.startingDate)
      : sharedNumberRows(db, account.id, [account.id, ...siblings.map((s) => s.id)], input.startingDate),
    findPendingTwinGroups(db, { bankAccountId: account.id, startingDate: input.startingDate, limit: MAX_LINES }),
  ]);
  const search = groupRows(rows, account.id);
  const byReason = (reason: DuplicateReason) => search.groups.filter((group) => group.reason === reason);
  // A same-day pending twin is also a fingerprint group: it is shown once, under the more telling reason.
  const inPendingTwin = (group: DuplicateGroup) =>
    pendingTwins.some((twin) => group.lines.every((line) => twin.lines.some((other) => other.id === line.id)));
  const groups = [...byReason("online_id"), ...pendingTwins, ...byReason("fingerprint").filter((group) => !inPendingTwin(group))];
  return { groups: await withoutDismissedPairs(db, groups, account.id), truncated: search.truncated };
}

type Row = {
  id: string | number; bank_account_id: string; account_name: string; online_transaction_id: string | null; booking_date: string;
  amount: string; currency: string; description: string; partner_name: string | null; reference: string | null;
  reconciled: boolean; source: DuplicateLine["source"]; source_name: string | null; same_fingerprint: number; same_online_id: number;
};

async function singleAccountRows(db: Db, bankAccountId: string, startingDate: string): Promise<Row[]> {
  const found = await db.execute<{ id: string }>(singleAccountQuery(bankAccountId, startingDate));
  if (found.length === 0) return [];
  return db.execute<Row>(sql`
    select t.id, t.bank_account_id, a.name as account_name, t.online_transaction_id, t.booking_date::text, t.amount::text, t.currency,
      t.description, t.partner_name, t.reference, t.reconciled_at is not null as reconciled, ${lineSourceColumns("t")}, 2 as same_fingerprint, 1 as same_online_id
    from transactions t join bank_accounts a on a.id = t.bank_account_id
      left join statement_imports si on si.id = t.statement_import_id
    where t.id = any(${`{${found.map((row) => row.id).join(",")}}`}::bigint[])
    order by t.booking_date desc, t.amount, t.currency, t.id
  `);
}

/**
 * The ids of the account's lines from the starting date that share their fingerprint
 * (newest first, at most MAX_LINES + 1), read from the groups the database keeps at write
 * time (duplicate_groups): the open groups from the starting date, then their lines by
 * fingerprint, so the cost follows the number of groups, not the length of the range.
 * The groups are cut at the date of the MAX_LINES-th newest, whose lines (two or more
 * each) are already more than a page; every group of that date is kept, so the page's
 * cut by (date, id) below is the same as over all lines. Groups whose every pair was
 * marked "Not a duplicate" are left out here. Exported for the plan test.
 */
export function singleAccountQuery(bankAccountId: string, startingDate: string) {
  const open = sql`g.bank_account_id = ${bankAccountId}::uuid and g.dismissed_pairs < g.line_count * (g.line_count - 1) / 2`;
  return sql`
    with newest as (
      select g.booking_date from duplicate_groups g
      where ${open} and g.booking_date >= ${startingDate}::date
      order by g.booking_date desc
      limit ${MAX_LINES}
    ),
    cut as (
      select case when count(*) = ${MAX_LINES} then min(booking_date) else ${startingDate}::date end as from_date from newest
    )
    select t.id
    from duplicate_groups g
    join transactions t on t.bank_account_id = g.bank_account_id and t.booking_date = g.booking_date
      and t.amount = g.amount and t.currency = g.currency
    where ${open} and g.booking_date >= (select from_date from cut)
    order by t.booking_date desc, t.id
    limit ${MAX_LINES + 1}
  `;
}

async function sharedNumberRows(db: Db, bankAccountId: string, accountIds: string[], startingDate: string): Promise<Row[]> {
  return db.execute<Row>(sql`
    select w.id, w.bank_account_id, a.name as account_name, w.online_transaction_id, w.booking_date, w.amount, w.currency,
      w.description, w.partner_name, w.reference, w.reconciled, ${lineSourceColumns("w")}, w.same_fingerprint::int, w.same_online_id::int
    from (
      select t.id, t.bank_account_id, t.online_transaction_id, t.booking_date::text, t.amount::text, t.currency, t.description,
        t.partner_name, t.reference, t.reconciled_at is not null as reconciled, t.source, t.statement_import_id,
        count(*) over (partition by t.booking_date, t.amount, t.currency) as same_fingerprint,
        case when t.online_transaction_id is null then 1
          else count(*) over (partition by t.online_transaction_id) end as same_online_id,
        bool_or(t.bank_account_id = ${bankAccountId}::uuid) over (partition by t.booking_date, t.amount, t.currency) as fingerprint_here,
        bool_or(t.bank_account_id = ${bankAccountId}::uuid) over (partition by t.online_transaction_id) as online_id_here
      from transactions t
      where t.bank_account_id = any(${`{${accountIds.join(",")}}`}::uuid[]) and t.booking_date >= ${startingDate}::date
    ) w
    join bank_accounts a on a.id = w.bank_account_id
    left join statement_imports si on si.id = w.statement_import_id
    -- Only groups with a line of this account: the other account's own groups are listed on its page.
    where (w.same_fingerprint > 1 and w.fingerprint_here) or (w.same_online_id > 1 and w.online_id_here)
    order by w.booking_date desc, w.amount::numeric, w.currency, w.id
    limit ${MAX_LINES + 1}
  `);
}

function toLine(row: Row): DuplicateLine {
  return {
    id: Number(row.id), bankAccountId: row.bank_account_id, accountName: row.account_name, onlineTransactionId: row.online_transaction_id,
    bookingDate: row.booking_date, amount: row.amount, currency: row.currency, description: row.description,
    partnerName: row.partner_name, reference: row.reference, reconciled: row.reconciled, source: row.source, sourceName: row.source_name,
  };
}

/** Online-id groups first (certain duplicates), then fingerprint groups, newest first. */
function groupRows(rows: Row[], bankAccountId: string): DuplicateSearch {
  const truncated = rows.length > MAX_LINES;
  const kept = rows.slice(0, MAX_LINES);
  const byOnlineId = new Map<string, DuplicateGroup>();
  const byFingerprint = new Map<string, DuplicateGroup>();
  for (const row of kept) {
    const line = toLine(row);
    if (row.same_fingerprint > 1) {
      const key = `fingerprint:${row.booking_date}|${row.amount}|${row.currency}`;
      const group = byFingerprint.get(key) ?? { key, reason: "fingerprint" as const, bookingDate: row.booking_date, amount: row.amount, currency: row.currency, lines: [] };
      group.lines.push(line);
      byFingerprint.set(key, group);
    }
    if (row.same_online_id > 1 && row.online_transaction_id !== null) {
      const key = `online_id:${row.online_transaction_id}`;
      const group = byOnlineId.get(key) ?? { key, reason: "online_id" as const, bookingDate: row.booking_date, amount: row.amount, currency: row.currency, lines: [] };
      group.lines.push(line);
      byOnlineId.set(key, group);
    }
  }
  // The cut at MAX_LINES can leave the last group with one line, or a group without a line of this account.
  const complete = (group: DuplicateGroup) => group.lines.length > 1 && group.lines.some((line) => line.bankAccountId === bankAccountId);
  return { groups: [...byOnlineId.values(), ...byFingerprint.values()].filter(complete), truncated };
}
