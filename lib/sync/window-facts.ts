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
  const connection = sql`${input.connectionId}::uuid`;
  // The floor is the day after the newest line of another source older than this
  // connection's oldest line: the first sync started no earlier, so the days from the
  // floor on hold only what this connection's reads brought.
  const [row] = await db.execute<{ newest: string | null; synced_newest: string | null; floor: string | null }>(sql`
    with own as (
      select min(t.booking_date) as oldest, max(t.booking_date) as newest
      from transactions t join sync_runs r on r.id = t.sync_run_id
      where t.bank_account_id = ${account} and r.connection_id = ${connection}
    )
    select
      (select max(t.booking_date) from transactions t where t.bank_account_id = ${account})::text as newest,
      own.newest::text as synced_newest,
      (select max(o.booking_date) + 1 from transactions o
        where o.bank_account_id = ${account} and o.booking_date < own.oldest
          and not exists (select 1 from sync_runs r where r.id = o.sync_run_id and r.connection_id = ${connection}))::text as floor
    from own
  `);
  return {
    newestBookingDate: row?.newest ?? null,
    synced: row?.synced_newest ? { newestBookingDate: row.synced_newest, floor: row.floor } : null,
  };
}
