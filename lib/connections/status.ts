/**
 * The state a connection shows: its link lifecycle (bank_connections.state) and, while the
 * link is active, what its newest sync run says: waiting for the bank's security code, or
 * stopped by something only the user can fix (a password, an expired consent). One SQL
 * expression for every page and query, so the shown state follows the runs and cannot
 * drift from them.
 */
import { sql, type SQL } from "drizzle-orm";
import { NEEDS_USER_CODES } from "@/lib/sync/outcome";

export const SHOWN_STATES = ["pending", "selecting_accounts", "active", "waiting_mfa", "error", "refused", "disconnected"] as const;
export type ShownState = (typeof SHOWN_STATES)[number];

const needsUser = sql.join(NEEDS_USER_CODES.map((code) => sql`${code}`), sql`, `);
// Qualified by hand: Drizzle leaves a column unqualified in a one-table query, where the
// subquery's own sync_runs.id would shadow it.
const connection = { id: sql.raw(`"bank_connections"."id"`), state: sql.raw(`"bank_connections"."state"`) };

/** The shown state of the `bank_connections` row in the query (null when a left join found none). */
export const shownState: SQL<ShownState> = sql<ShownState>`(case when ${connection.id} is null then null when ${connection.state} <> 'active' then ${connection.state}::text else coalesce((
  select case when r.status = 'waiting_mfa' then 'waiting_mfa' when r.status = 'failed' and r.error_code in (${needsUser}) then 'error' end
  from sync_runs r where r.connection_id = ${connection.id} order by r.started_at desc limit 1
), 'active') end)`;
