/**
 * What is left of a connection's call budget today (UTC), for the dashboard card, the
 * connection page, and Fetch Transactions, which refuses before calling the bank when
 * nothing is left. Reads only; taking a call is ./reserve.ts.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, providerCallCounts } from "@/db/schema";
import type { StoredMessage } from "@/lib/i18n/stored-message";
import { fetchOutOfBudget } from "./messages";
import { CONNECTION_SCOPE, DECIDING_SCOPE, accountScopeKey, nextPeriodStart, periodStart, runCost, type BudgetScope } from "./policy";
import { loadCallPolicy, providerNextRefresh } from "./reserve";

export type BudgetEntry = {
  /** Null for a budget per connection. */
  bankAccountId: string | null;
  accountName: string | null;
  /** Null when only the provider's next-refresh time limits the connection. */
  dailyLimit: number | null;
  remaining: number | null;
  /** Set when no call is allowed now. */
  nextAllowedAt: Date | null;
};

export type BudgetStatus = { scope: BudgetScope; periodEnd: Date; entries: BudgetEntry[] };

/** Today's budget of a connection, one entry per synchronized account when the provider counts per account; null: no budget. */
export async function budgetStatus(db: Db, input: { connectionId: string; now: Date }): Promise<BudgetStatus | null> {
  const policy = await loadCallPolicy(db, input.connectionId);
  if (!policy) return null;
  const periodEnd = nextPeriodStart(input.now);
  const providerNext = policy.providerSetsNextRefresh ? await providerNextRefresh(db, input.connectionId, input.now) : null;
  const counts = await db
    .select({ scope: providerCallCounts.scope, calls: providerCallCounts.calls })
    .from(providerCallCounts)
    .where(and(eq(providerCallCounts.connectionId, input.connectionId), eq(providerCallCounts.periodStart, periodStart(input.now))));
  const used = (key: string) => counts.find((row) => row.scope === key)?.calls ?? 0;
  const accounts = await db
    .select({ id: bankAccounts.id, name: bankAccounts.name, providerAccountId: bankAccounts.providerAccountId })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.connectionId, input.connectionId), eq(bankAccounts.syncEnabled, true)))
    .orderBy(bankAccounts.name);
  // A run of a provider that counts requests needs several calls at once (./policy.ts).
  const cost = policy.scope === "connection" ? runCost(policy, accounts.length) : 1;
  const entry = (bankAccountId: string | null, accountName: string | null, key: string): BudgetEntry => {
    const remaining = policy.dailyLimit === null ? null : Math.max(0, policy.dailyLimit - used(key));
    return { bankAccountId, accountName, dailyLimit: policy.dailyLimit, remaining, nextAllowedAt: providerNext ?? (remaining !== null && remaining < cost ? periodEnd : null) };
  };
  if (policy.scope === "connection") return { scope: policy.scope, periodEnd, entries: [entry(null, null, CONNECTION_SCOPE)] };
  // An account can be synchronized while it has a transactions call left (./policy.ts).
  return {
    scope: policy.scope, periodEnd,
    entries: accounts.map((account) => entry(account.id, account.name, accountScopeKey(account.providerAccountId ?? account.id, DECIDING_SCOPE))),
  };
}

/** The budget entry shown for one bank account (its own, or its connection's). */
export function entryFor(status: BudgetStatus, bankAccountId: string): BudgetEntry | null {
  return status.scope === "connection" ? status.entries[0] ?? null : status.entries.find((e) => e.bankAccountId === bankAccountId) ?? null;
}

/**
 * Why Fetch Transactions on this account would exceed the budget, before any call; null
 * when it may go ahead. Only where the refresh itself is the limited call: where the bank
 * counts per account, the run goes ahead to check the consent, which costs nothing, and
 * stops before any limited call (./spend-for-sync.ts), so an expired consent is reported.
 */
export async function fetchRefusal(db: Db, input: { connectionId: string; bankAccountId: string; now: Date }): Promise<{ message: StoredMessage; nextAllowedAt: Date } | null> {
  const status = await budgetStatus(db, input);
  if (status?.scope === "account") return null;
  const entry = status && entryFor(status, input.bankAccountId);
  if (!entry?.nextAllowedAt) return null;
  return { message: fetchOutOfBudget({ dailyLimit: entry.dailyLimit, nextAllowedAt: entry.nextAllowedAt }), nextAllowedAt: entry.nextAllowedAt };
}
