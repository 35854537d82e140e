/**
 * Connection attempts: connections whose consent was never given (refused at the bank,
 * abandoned on its page, or failed before completing). They synchronize nothing, so they
 * are listed apart from the connections, with automatic synchronization off and "Connect
 * again" (lib/connections/connect-again.ts).
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankConnections, institutions } from "@/db/schema";
import { shownState, type ShownState } from "./status";

/**
 * True for the `bank_connections` row of the query when it is an attempt at `now`: no
 * consent was ever stored, and no consent flow is still under way (a pending one whose
 * single-use state has expired cannot be completed any more, even before the housekeeping
 * closes it).
 */
export function isConnectionAttempt(now: Date): SQL<boolean> {
  return sql<boolean>`(${bankConnections.providerRefEncrypted} is null and (
    ${bankConnections.state} in ('refused', 'disconnected')
    or (${bankConnections.state} = 'pending' and (${bankConnections.linkStateExpiresAt} is null or ${bankConnections.linkStateExpiresAt} < ${now.toISOString()}::timestamptz))
  ))`;
}

export type ConnectionAttempt = {
  id: string;
  institutionId: string;
  institution: string;
  provider: string;
  state: ShownState;
  clientId: string;
  attemptedAt: Date;
};

/**
 * The company's attempts, newest first. `openOnly` leaves out those made moot by a later
 * completed connection to the same institution (what the Connect bank page offers again).
 */
export async function listConnectionAttempts(
  db: Db,
  companyId: string,
  options: { state?: ShownState | null; openOnly?: boolean; now?: Date } = {},
): Promise<ConnectionAttempt[]> {
  const supersededByLaterConnection = sql`exists (
    select 1 from bank_connections later
    where later.company_id = ${bankConnections.companyId} and later.institution_id = ${bankConnections.institutionId}
      and later.provider_ref_encrypted is not null and later.created_at > ${bankConnections.createdAt}
  )`;
  return db
    .select({
      id: bankConnections.id, institutionId: bankConnections.institutionId, institution: institutions.name, provider: bankConnections.provider,
      state: shownState, clientId: bankConnections.clientId, attemptedAt: bankConnections.createdAt,
    })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(
      eq(bankConnections.companyId, companyId),
      isConnectionAttempt(options.now ?? new Date()),
      options.state ? sql`${shownState} = ${options.state}` : undefined,
      options.openOnly ? sql`not ${supersededByLaterConnection}` : undefined,
    ))
    .orderBy(desc(bankConnections.createdAt));
}
