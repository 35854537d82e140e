/**
 * How many calls each provider lets us make for a connection's data, and what it counts
 * them against. The budget period is the UTC day. Sources:
 *
 * - GoCardless Bank Account Data, help centre "Bank API Rate Limits and Rate Limit Headers":
 *   banks allow 4 successful calls per account per day for each of details, balances and
 *   transactions (HTTP 429 after, HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_* headers). Each of
 *   the three is counted per account as the adapter makes it (./meter.ts): linking reads
 *   details and balances, a sync one of each, so a run is possible while the account has
 *   a transactions call left.
 * - SimpleFIN Bridge developer guide: about 24 requests a day per access URL (exceeding it
 *   can disable the token). Its adapter makes one request for the account list and one per
 *   account and 60 days of window, so a sync takes 1 + 2 per account from that budget
 *   (two ranges cover a first sync's 90 days; later syncs read less).
 * - Plaid "Rate Limit Exceeded errors": limits are per minute per Item (/transactions/sync
 *   50, /accounts/get 15), not per day: no daily count. A run makes a handful of calls, far
 *   under them; should Plaid answer RATE_LIMIT_EXCEEDED all the same, the run ends "rate
 *   limited" until the next minute and no call is made before it (as for Salt Edge).
 * - Salt Edge API v6: a connection may be refreshed again only after its
 *   `next_refresh_possible_at`; no daily count is published. Once Salt Edge has told us
 *   that time (a run ended rate limited with it), no call is made before it.
 * - Enable Banking: limits depend on the bank (PSD2 allows 4 unattended reads a day); no
 *   default count, the bank's own limit when the directory gives one.
 * - Sandbox: the bank's own daily limit ("Demo Bank Daily Limit": 1 refresh per
 *   connection per day), else none.
 * Whatever the provider, a bank's `institutions.daily_call_limit` replaces the default.
 */

import type { LimitedCall } from "@/lib/providers/types";

export type BudgetScope = "connection" | "account";

type ProviderBudget = {
  /** What the provider counts calls against: one consent, or each bank account. */
  scope: BudgetScope;
  /** Calls per UTC day when the bank sets no limit of its own; null: no daily count. */
  defaultDailyLimit: number | null;
  /** The provider names the time of the next allowed refresh (Salt Edge's next_refresh_possible_at; Plaid's next minute after a rate limit). */
  providerSetsNextRefresh: boolean;
  /** Requests a run makes per account read, beyond its one call, where the provider counts requests (SimpleFIN). */
  requestsPerAccount?: number;
};

const BUDGETS: Record<string, ProviderBudget> = {
  sandbox: { scope: "connection", defaultDailyLimit: null, providerSetsNextRefresh: false },
  gocardless: { scope: "account", defaultDailyLimit: 4, providerSetsNextRefresh: false },
  enablebanking: { scope: "account", defaultDailyLimit: null, providerSetsNextRefresh: false },
  saltedge: { scope: "connection", defaultDailyLimit: null, providerSetsNextRefresh: true },
  plaid: { scope: "connection", defaultDailyLimit: null, providerSetsNextRefresh: true },
  simplefin: { scope: "connection", defaultDailyLimit: 24, providerSetsNextRefresh: false, requestsPerAccount: 2 },
};

export type CallPolicy = {
  scope: BudgetScope;
  /** Calls per UTC day; null when only the provider's next-refresh time limits us. */
  dailyLimit: number | null;
  providerSetsNextRefresh: boolean;
  /** Requests a run makes per account read, beyond its one call; 0 where the provider counts calls, not requests. */
  requestsPerAccount: number;
};

/** What one run reading `accounts` accounts takes from a per-connection budget. */
export function runCost(policy: CallPolicy, accounts: number): number {
  return 1 + policy.requestsPerAccount * accounts;
}

/** The budget of a connection to this provider and bank; null when nothing limits it (nothing to show). */
export function callPolicy(provider: string, institutionDailyLimit: number | null): CallPolicy | null {
  const budget = BUDGETS[provider];
  if (!budget) return null;
  const dailyLimit = institutionDailyLimit ?? budget.defaultDailyLimit;
  if (dailyLimit === null && !budget.providerSetsNextRefresh) return null;
  return { scope: budget.scope, dailyLimit, providerSetsNextRefresh: budget.providerSetsNextRefresh, requestsPerAccount: budget.requestsPerAccount ?? 0 };
}

/** Every provider with its scope and default, for the SQL that mirrors `callPolicy` (./eligible-sql.ts). */
export function providerBudgets(): [string, ProviderBudget][] {
  return Object.entries(BUDGETS);
}

/** The row key in provider_call_counts.scope of a budget per connection. */
export const CONNECTION_SCOPE = "connection";

/**
 * The row key of one account's calls of one kind where the bank counts per account. By the
 * provider's account id, which linking already knows (our bank account does not exist yet).
 */
export function accountScopeKey(providerAccountId: string, scope: LimitedCall["scope"]): string {
  return `${providerAccountId}|${scope}`;
}

/** The kind of call without which a run cannot read an account; the others only degrade it. */
export const DECIDING_SCOPE: LimitedCall["scope"] = "transactions";

/** Start of the budget period holding `now`: midnight UTC. */
export function periodStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** When the next period starts: the next midnight UTC. */
export function nextPeriodStart(now: Date): Date {
  return new Date(periodStart(now).getTime() + 86_400_000);
}
