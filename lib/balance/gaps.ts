/**
 * The open balance gap of every account of a company in one query, for the dashboard:
 * the same answer as currentBalanceGap (./history.ts) account by account, without one
 * query per card when a company has hundreds of accounts.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { BalanceGap } from "./history";

type GapRow = {
  bank_account_id: string;
  checked_at: string;
  currency: string;
  bank_balance: string;
  computed_balance: string;
  difference: string;
  lines_through: string;
  last_match_through: string | null;
};

/** Gaps by bank account id; an account whose newest check matches (or has none) is absent. */
export async function currentBalanceGaps(db: Db, companyId: string): Promise<Map<string, BalanceGap>> {
  // Each lateral subquery reads balance_checks_account_idx for one account and stops at its first row.
  const rows = await db.execute<GapRow>(sql`
    select a.id as bank_account_id, latest.checked_at, latest.currency, latest.bank_balance::text, latest.computed_balance::text,
      latest.difference::text, latest.lines_through::text,
      (select m.lines_through::text from balance_checks m where m.bank_account_id = a.id and m.difference = 0
        order by m.checked_at desc, m.id desc limit 1) as last_match_through
    from bank_accounts a
    cross join lateral (
      select c.checked_at, c.currency, c.bank_balance, c.computed_balance, c.difference, c.lines_through
      from balance_checks c where c.bank_account_id = a.id order by c.checked_at desc, c.id desc limit 1
    ) latest
    where a.company_id = ${companyId} and latest.difference <> 0`);
  return new Map(rows.map((row) => [row.bank_account_id, {
    latest: {
      checkedAt: new Date(row.checked_at), currency: row.currency, bankBalance: row.bank_balance, computedBalance: row.computed_balance,
      difference: row.difference, matches: false, linesThrough: row.lines_through,
    },
    lastMatchThrough: row.last_match_through,
  }]));
}
