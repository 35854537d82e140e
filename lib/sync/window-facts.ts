/**
 * What the window rule (./window.ts) needs to know about an account before a sync.
 *
 * "Later sync" means: this connection has already imported at least one line into the
 * account (a line whose sync run belongs to the connection). Not "a run succeeded": a
 * run that found nothing leaves the account as it was, so the next one must still apply
 * the first-sync rule; and not "the account has synced lines": lines of an earlier
 * connection to the same bank may carry other ids (a re-link can change them), so this
 * connection starts after them exactly as it would after lines from a file.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { SyncedSoFar } from "./window";

export async function readWindowFacts(
  db: Db,
  input: { bankAccountId: string; connectionId: string },
): Promise<{ newestBookingDate: string | null; synced: SyncedSoFar | null }> {
  const account = sql`${input.bankAccountId}::uuid`;
  const own = sql`exists (select 1 from sync_runs r where r.id = t.sync_run_id and r.connection_id = ${input.connectionId}::uuid)`;
  // Every read walks the (account, date) index from one end and stops at its first match,
  // so a sync does not read all of a long account's lines to find three dates. The
  // connection's oldest line is met after the lines of other sources that are older.
  // The floor is the day after the newest line older than this connection's oldest line
  // (older than its oldest, so of another source): the first sync started no earlier, so
  // the days from the floor on hold only what this connection's reads brought.
  const [row] = await db.execute<{ newest: string | null; synced_newest: string | null; floor: string | null }>(sql`
    with own_newest as (
      select t.booking_date from transactions t where t.bank_account_id = ${account} and ${own}
      order by t.booking_date desc limit 1
    ), own_oldest as (
      select t.booking_date from transactions t where t.bank_account_id = ${account} and ${own}
      order by t.booking_date limit 1
    )
    select
      (select t.booking_date from transactions t where t.bank_account_id = ${account} order by t.booking_date desc limit 1)::text as newest,
      (select booking_date from own_newest)::text as synced_newest,
      (select t.booking_date + 1 from transactions t
        where t.bank_account_id = ${account} and t.booking_date < (select booking_date from own_oldest)
        order by t.booking_date desc limit 1)::text as floor
  `);
  return {
    newestBookingDate: row?.newest ?? null,
    synced: row?.synced_newest ? { newestBookingDate: row.synced_newest, floor: row.floor } : null,
  };
}
