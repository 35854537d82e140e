/**
 * The call budget of one sync run. Per connection (the refresh itself is the limited
 * call): the run's calls are taken before the provider is asked anything, or the run
 * ends "rate limited" without calling. Per account (GoCardless): nothing is taken up
 * front; the adapter's meter counts each call as it is made, after the consent check that
 * costs nothing at the bank, so an expired consent is reported even when the day's calls
 * are spent. An account with no transactions call left is skipped with a line in the log,
 * and a run with no account left to read ends "rate limited" having spent nothing.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, providerCallCounts } from "@/db/schema";
import { logConnectionEvent } from "@/lib/connections/log";
import type { CallMeter } from "@/lib/providers/types";
import { callMeter } from "./meter";
import { accountOutOfBudget, runOutOfBudget } from "./messages";
import { CONNECTION_SCOPE, DECIDING_SCOPE, accountScopeKey, nextPeriodStart, periodStart, runCost, type CallPolicy } from "./policy";
import { loadCallPolicy, reserveUnder, type Reservation } from "./reserve";
import { CallBudgetSpent } from "./spent";

export type SyncBudget = {
  /** Counts the limited calls the adapter makes; absent when there is nothing to count per call. */
  meter?: CallMeter;
  /**
   * Once the consent is known to be valid: whether the run may read each account. Throws
   * RateLimited (the run's outcome) when no account may be read.
   */
  accountsToRead(): Promise<(bankAccountId: string) => boolean>;
};

const EVERY_ACCOUNT: SyncBudget = { accountsToRead: async () => () => true };

type Input = { companyId: string; connectionId: string; runId: string; /** A run resumed with its security code took its calls when it started. */ resumed: boolean; now: Date };

const outOfBudget = (refusal: Extract<Reservation, { ok: false }>) => new CallBudgetSpent(refusal.nextAllowedAt, runOutOfBudget(refusal));

/** Throws RateLimited when a budget per connection has nothing left. */
export async function spendCallBudget(db: Db, input: Input): Promise<SyncBudget> {
  const policy = await loadCallPolicy(db, input.connectionId);
  if (!policy) return EVERY_ACCOUNT;
  if (policy.scope === "account") {
    return {
      // Counted in the day the run started, like the run's other calls.
      meter: callMeter(db, policy, { companyId: input.companyId, connectionId: input.connectionId, runId: input.runId, now: () => input.now }),
      accountsToRead: () => accountsWithCallsLeft(db, policy, input),
    };
  }
  if (input.resumed) return EVERY_ACCOUNT;
  const accounts = await db
    .select({ id: bankAccounts.id })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.connectionId, input.connectionId), eq(bankAccounts.syncEnabled, true)));
  const taken = await reserveUnder(db, policy, { connectionId: input.connectionId, scope: CONNECTION_SCOPE, now: input.now, cost: runCost(policy, accounts.length) });
  if (!taken.ok) throw outOfBudget(taken);
  return EVERY_ACCOUNT;
}

/** Reads only: the synchronized accounts that still have a transactions call today. */
async function accountsWithCallsLeft(db: Db, policy: CallPolicy, input: Input): Promise<(bankAccountId: string) => boolean> {
  const accounts = await db
    .select({ id: bankAccounts.id, name: bankAccounts.name, providerAccountId: bankAccounts.providerAccountId })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.connectionId, input.connectionId), eq(bankAccounts.syncEnabled, true)));
  const keyOf = (account: { providerAccountId: string | null; id: string }) => accountScopeKey(account.providerAccountId ?? account.id, DECIDING_SCOPE);
  const counts = accounts.length === 0 ? [] : await db
    .select({ scope: providerCallCounts.scope, calls: providerCallCounts.calls })
    .from(providerCallCounts)
    .where(and(
      eq(providerCallCounts.connectionId, input.connectionId),
      eq(providerCallCounts.periodStart, periodStart(input.now)),
      inArray(providerCallCounts.scope, accounts.map(keyOf)),
    ));
  const used = new Map(counts.map((row) => [row.scope, row.calls]));
  const limit = policy.dailyLimit ?? Infinity;
  const allowed = new Set(accounts.filter((account) => (used.get(keyOf(account)) ?? 0) < limit).map((account) => account.id));
  const nextAllowedAt = nextPeriodStart(input.now);
  if (accounts.length > 0 && allowed.size === 0) throw outOfBudget({ ok: false, scope: policy.scope, dailyLimit: policy.dailyLimit, nextAllowedAt });
  for (const account of accounts.filter((candidate) => !allowed.has(candidate.id))) {
    await logConnectionEvent(db, {
      companyId: input.companyId, connectionId: input.connectionId, syncRunId: input.runId, bankAccountId: account.id, level: "warning",
      message: accountOutOfBudget({ accountName: account.name, dailyLimit: policy.dailyLimit ?? 0, nextAllowedAt }),
    });
  }
  return (bankAccountId) => allowed.has(bankAccountId);
}
