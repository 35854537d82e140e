/**
 * Taking a call from a connection's budget before the provider is called. The take is
 * one statement (an upsert that only increments below the limit), so two processes
 * asking for the last call at once cannot both get it, and every caller (schedule,
 * webhook, retry, Fetch Transactions, Find Missing) draws on the same row.
 */
import { and, eq, gt, max, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { bankConnections, institutions, providerCallCounts, syncRuns } from "@/db/schema";
import { CONNECTION_SCOPE, accountScopeKey, callPolicy, nextPeriodStart, periodStart, runCost, DECIDING_SCOPE, type BudgetScope, type CallPolicy } from "./policy";

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
 * Before reading one account's transactions outside a sync (Find Missing). Per connection:
 * takes the read's calls now, or refuses. Per account: refuses when the account has no
 * transactions call left today, else takes nothing, since the adapter's meter counts the
 * call as it makes it.
 */
export async function reserveCall(db: Queryable, input: { connectionId: string; /** Needed where the bank counts per account. */ providerAccountId?: string; now: Date }): Promise<Reservation> {
  const policy = await loadCallPolicy(db, input.connectionId);
  if (!policy) return { ok: true, limited: false };
  if (policy.scope === "connection") {
    // A provider counting requests takes them all now.
    return reserveUnder(db, policy, { connectionId: input.connectionId, scope: CONNECTION_SCOPE, now: input.now, cost: runCost(policy, 1) });
  }
  if (!input.providerAccountId) throw new Error("A per-account call budget needs the account");
  const used = await callsToday(db, { connectionId: input.connectionId, scope: accountScopeKey(input.providerAccountId, DECIDING_SCOPE), now: input.now });
  const remaining = Math.max(0, (policy.dailyLimit ?? Infinity) - used);
  if (remaining === 0) return { ok: false, scope: policy.scope, dailyLimit: policy.dailyLimit, nextAllowedAt: nextPeriodStart(input.now) };
  return { ok: true, limited: true, dailyLimit: policy.dailyLimit, remaining, nextAllowedAt: null };
}

/** Calls counted today under one scope key. */
export async function callsToday(db: Queryable, input: { connectionId: string; scope: string; now: Date }): Promise<number> {
  const [row] = await db
    .select({ calls: providerCallCounts.calls })
    .from(providerCallCounts)
    .where(and(eq(providerCallCounts.connectionId, input.connectionId), eq(providerCallCounts.scope, input.scope), eq(providerCallCounts.periodStart, periodStart(input.now))));
  return row?.calls ?? 0;
}

export async function reserveUnder(
  db: Queryable,
  policy: CallPolicy,
  input: { connectionId: string; /** The provider_call_counts.scope key (./policy.ts). */ scope: string; now: Date; /** Calls taken at once (all or none); 1 by default. */ cost?: number },
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
      connectionId: input.connectionId, scope: input.scope, periodStart: periodStart(input.now), calls: cost, lastCallAt: input.now,
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

/** The bank refused a call of this scope today all the same: count the day's calls as spent. */
export async function markSpent(db: Queryable, policy: CallPolicy, input: { connectionId: string; scope: string; now: Date }): Promise<void> {
  if (policy.dailyLimit === null) return;
  await db
    .insert(providerCallCounts)
    .values({ connectionId: input.connectionId, scope: input.scope, periodStart: periodStart(input.now), calls: policy.dailyLimit, lastCallAt: input.now })
    .onConflictDoUpdate({
      target: [providerCallCounts.connectionId, providerCallCounts.scope, providerCallCounts.periodStart],
      set: { calls: sql`greatest(${providerCallCounts.calls}, ${policy.dailyLimit})`, lastCallAt: input.now },
    });
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
