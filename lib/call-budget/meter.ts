/**
 * The CallMeter an adapter asks before each call the bank limits per account (GoCardless
 * details, balances, transactions): the call is counted in provider_call_counts when it
 * is made, whether by a sync, Find Missing or the reads that linking does, and refused
 * once the account's calls of that kind are spent today. What the user would miss (a
 * balance not read, a call the bank refused) goes to the connection log.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { logConnectionEvent } from "@/lib/connections/log";
import type { StoredMessage } from "@/lib/i18n/stored-message";
import type { CallMeter, LimitedCall } from "@/lib/providers/types";
import { balanceNotRead, bankRefusedCall } from "./messages";
import { accountScopeKey, nextPeriodStart, type CallPolicy } from "./policy";
import { loadCallPolicy, markSpent, reserveUnder } from "./reserve";

type MeterInput = { companyId: string; connectionId: string; /** The run the calls belong to, for the log. */ runId?: string | null; now: () => Date };

export function callMeter(db: Db, policy: CallPolicy, input: MeterInput): CallMeter {
  const log = async (call: LimitedCall, message: (accountName: string) => StoredMessage) => {
    const [account] = await db
      .select({ id: bankAccounts.id, name: bankAccounts.name })
      .from(bankAccounts)
      .where(and(eq(bankAccounts.connectionId, input.connectionId), eq(bankAccounts.providerAccountId, call.providerAccountId)));
    await logConnectionEvent(db, {
      companyId: input.companyId, connectionId: input.connectionId, syncRunId: input.runId ?? null, bankAccountId: account?.id ?? null, level: "warning",
      message: message(account?.name ?? `Account ${call.providerAccountId}`),
    });
  };
  return {
    async take(call) {
      const now = input.now();
      const taken = await reserveUnder(db, policy, { connectionId: input.connectionId, scope: accountScopeKey(call.providerAccountId, call.scope), now });
      if (taken.ok) return true;
      // Without details the adapter describes the account from free metadata; a refused
      // transactions call ends the run, which says so itself.
      if (call.scope === "balances") {
        await log(call, (accountName) => balanceNotRead({ accountName, dailyLimit: policy.dailyLimit ?? 0, nextAllowedAt: taken.nextAllowedAt }));
      }
      return false;
    },
    async spent(call, retryAfter) {
      const now = input.now();
      await markSpent(db, policy, { connectionId: input.connectionId, scope: accountScopeKey(call.providerAccountId, call.scope), now });
      await log(call, (accountName) => bankRefusedCall({ accountName, call: call.scope, nextAllowedAt: retryAfter ?? nextPeriodStart(now) }));
    },
  };
}

/** The meter of a connection whose provider counts calls per account; undefined when nothing is counted per call. */
export async function loadCallMeter(db: Db, input: MeterInput): Promise<CallMeter | undefined> {
  const policy = await loadCallPolicy(db, input.connectionId);
  return policy?.scope === "account" ? callMeter(db, policy, input) : undefined;
}
