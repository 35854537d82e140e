/**
 * The call budget of one sync run, taken before the provider is asked anything. Per
 * connection: one call, or the run ends "rate limited" without calling. Per account
 * (GoCardless): one call per synchronized account; an account with none left is skipped
 * with a line in the log, and a run with no account left to call ends "rate limited".
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { logConnectionEvent } from "@/lib/connections/log";
import { RateLimited } from "@/lib/providers/errors";
import { accountOutOfBudget, runOutOfBudget } from "./messages";
import { runCost } from "./policy";
import { loadCallPolicy, reserveUnder, type Reservation } from "./reserve";

export type SyncBudget = {
  /** Whether the run may fetch this account's transactions. */
  allows(bankAccountId: string): boolean;
};

const EVERY_ACCOUNT: SyncBudget = { allows: () => true };

/** Throws RateLimited (the run's outcome) when nothing may be called. */
export async function spendCallBudget(
  db: Db,
  input: { companyId: string; connectionId: string; runId: string; /** A run resumed with its security code took its calls when it started. */ resumed: boolean; now: Date },
): Promise<SyncBudget> {
  if (input.resumed) return EVERY_ACCOUNT;
  const policy = await loadCallPolicy(db, input.connectionId);
  if (!policy) return EVERY_ACCOUNT;
  const outOfBudget = (refusal: Extract<Reservation, { ok: false }>) =>
    new RateLimited(refusal.nextAllowedAt, { providerCode: "call_budget", message: runOutOfBudget(refusal) });

  const accounts = await db
    .select({ id: bankAccounts.id, name: bankAccounts.name })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.connectionId, input.connectionId), eq(bankAccounts.syncEnabled, true)));
  if (policy.scope === "connection") {
    const cost = runCost(policy, accounts.length);
    const taken = await reserveUnder(db, policy, { connectionId: input.connectionId, bankAccountId: null, now: input.now, cost });
    if (!taken.ok) throw outOfBudget(taken);
    return EVERY_ACCOUNT;
  }

  const allowed = new Set<string>();
  const refused: { name: string; id: string; refusal: Extract<Reservation, { ok: false }> }[] = [];
  for (const account of accounts) {
    const taken = await reserveUnder(db, policy, { connectionId: input.connectionId, bankAccountId: account.id, now: input.now });
    if (taken.ok) allowed.add(account.id);
    else refused.push({ ...account, refusal: taken });
  }
  if (accounts.length > 0 && allowed.size === 0) throw outOfBudget(refused[0]!.refusal);
  for (const { id, name, refusal } of refused) {
    await logConnectionEvent(db, {
      companyId: input.companyId, connectionId: input.connectionId, syncRunId: input.runId, bankAccountId: id, level: "warning",
      message: accountOutOfBudget({ accountName: name, dailyLimit: refusal.dailyLimit ?? 0, nextAllowedAt: refusal.nextAllowedAt }),
    });
  }
  return { allows: (bankAccountId) => allowed.has(bankAccountId) };
}
