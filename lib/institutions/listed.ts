/**
 * Which directory rows the provider still lists. `available = false` has two meanings,
 * told apart by `updated_at` (every row a refresh reads gets that refresh's time):
 *
 * - down: the provider listed the bank in its last full refresh but reports it as not
 *   working (Sandbox status, Plaid health, Salt Edge status). The search still offers it
 *   with "Unavailable" and a warning, since this is usually temporary.
 * - delisted: the provider's last full refresh (provider_directory_status.last_success_at)
 *   did not list it at all. The row is kept (connections reference it and keep syncing),
 *   but the search does not offer it and a new connection to it is refused.
 *
 * A provider that was never fully refreshed has no rows marked delisted.
 */
import { sql, type SQL } from "drizzle-orm";
import { institutions, providerDirectoryStatus } from "@/db/schema";

export const stillListed: SQL = sql`(${institutions.available} or not exists (
  select 1 from ${providerDirectoryStatus}
  where ${providerDirectoryStatus.provider} = ${institutions.provider}
    and ${institutions.updatedAt} < ${providerDirectoryStatus.lastSuccessAt}))`;
