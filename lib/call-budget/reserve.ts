/**
 * Taking a call from a connection's budget before the provider is called. The take is
 * one statement (an upsert that only increments below the limit), so two processes
 * asking for the last call at once cannot both get it, and every caller (schedule,
 * webhook, retry, Fetch Transactions, Find Missing) draws on the same row.
 */
import { and, eq, gt, max, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { bankConnections, institutions, providerCallCounts, syncRuns } from "@/db/schema";
import { callPolicy, nextPeriodStart, periodStart, runCost, scopeKey, type BudgetScope, type CallPolicy } from "./policy";

type Queryable = Db | Tx;

export type Reservation =
  /** Nothing limits this provider: go ahead. */
  | { ok: true; limited: false }
  /** Taken; `remaining` is null when only the provider's next-refresh time limits it. */
  | { ok: true; limited: true; dailyLimit: number | null; remaining: number | null; nextAllowedAt: Date | null }
  | { ok: false; scope: BudgetScope; dailyLimit: number | null; nextAllowedAt: Date };

/** The connection's budget policy (provider default or the bank's own limit); null when unlimited or unknown. */
export async function loadCallPolicy(db: Queryable, connectionId: string): Promise<CallPolicy | null> {
  const [row] = await db
    .select({ provider: bankConnections.provider, dailyCallLimit: institutions.dailyCallLimit })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(eq(bankConnections.id, connectionId));
  return row ? callPolicy(row.provider, row.dailyCallLimit) : null;
}

/**
 * Takes one call for the connection (or, where the provider counts per account, for
 * `bankAccountId`) from today's budget, or refuses with the time the next one is allowed.
 */
export async function reserveCall(db: Queryable, input: { connectionId: string; bankAccountId?: string | null; now: Date }): Promise<Reservation> {
  const policy = await loadCallPolicy(db, input.connectionId);
  if (!policy) return { ok: true, limited: false };
  // One account is read (Find Missing): a provider counting requests takes them all now.
  const cost = policy.scope === "connection" ? runCost(policy, 1) : 1;
  return reserveUnder(db, policy, { connectionId: input.connectionId, bankAccountId: input.bankAccountId ?? null, now: input.now, cost });
}

export async function reserveUnder(
  db: Queryable,
  policy: CallPolicy,
  input: { connectionId: string; bankAccountId: string | null; now: Date; /** Calls taken at once (all or none); 1 by default. */ cost?: number },
): Promise<Reservation> {
  const cost = input.cost ?? 1;
  const refuse = (nextAllowedAt: Date): Reservation => ({ ok: false, scope: policy.scope, dailyLimit: policy.dailyLimit, nextAllowedAt });
  if (policy.providerSetsNextRefresh) {
    const next = await providerNextRefresh(db, input.connectionId, input.now);
    if (next) return refuse(next);
  }
  if (policy.dailyLimit === null) return { ok: true, limited: true, dailyLimit: null, remaining: null, nextAllowedAt: null };
  if (policy.dailyLimit < cost) return refuse(nextPeriodStart(input.now));
  const [taken] = await db
    .insert(providerCallCounts)
    .values({
      connectionId: input.connectionId, scope: scopeKey(policy, input.bankAccountId), periodStart: periodStart(input.now), calls: cost, lastCallAt: input.now,
    })
    .onConflictDoUpdate({
      target: [providerCallCounts.connectionId, providerCallCounts.scope, providerCallCounts.periodStart],
      set: { calls: sql`${providerCallCounts.calls} + ${cost}`, lastCallAt: input.now },
      // The row is locked while this is checked: a concurrent take sees the incremented count.
      setWhere: sql`${providerCallCounts.calls} + ${cost} <= ${policy.dailyLimit}`,
    })
    .returning({ calls: providerCallCounts.calls });
  if (!taken) return refuse(nextPeriodStart(input.now));
  const remaining = policy.dailyLimit - taken.calls;
  return { ok: true, limited: true, dailyLimit: policy.dailyLimit, remaining, nextAllowedAt: remaining === 0 ? nextPeriodStart(input.now) : null };
}

/**
 * The refresh time the provider last named for this connection (a run that ended rate
 * limited with it), while still ahead: calling before it is refused by the provider anyway.
 */
export async function providerNextRefresh(db: Queryable, connectionId: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(syncRuns.retryAfter) })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.status, "rate_limited"), gt(syncRuns.retryAfter, now)));
  return row?.at ?? null;
}
