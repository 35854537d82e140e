/**
 * The sentences a user reads about the call budget: in the connection log and on refusals
 * (the card's line is in the catalogue, callBudget), as catalogue messages so each reader
 * sees them in their language (lib/i18n/stored-message).
 */
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import type { LimitedCall } from "@/lib/providers/types";
import type { BudgetScope } from "./policy";

/** Why a run made no call at all. */
export function runOutOfBudget(input: { dailyLimit: number | null; scope: BudgetScope; nextAllowedAt: Date }): StoredMessage {
  if (input.dailyLimit === null) return storedMessage("callBudget.runWaitsForRefresh", { nextAt: input.nextAllowedAt.toISOString() });
  return storedMessage("callBudget.runOutOfCalls", { limit: input.dailyLimit, scope: input.scope, nextAt: input.nextAllowedAt.toISOString() });
}

/** Why one account was left out of a run that synchronized others. */
export function accountOutOfBudget(input: { accountName: string; dailyLimit: number; nextAllowedAt: Date }): StoredMessage {
  return storedMessage("callBudget.accountOutOfCalls", { account: input.accountName, limit: input.dailyLimit, nextAt: input.nextAllowedAt.toISOString() });
}

/** Why Fetch Transactions or Find Missing Transactions did not ask the bank. */
export function fetchOutOfBudget(input: { dailyLimit: number | null; nextAllowedAt: Date }): StoredMessage {
  if (input.dailyLimit === null) return storedMessage("callBudget.fetchWaitsForRefresh", { nextAt: input.nextAllowedAt.toISOString() });
  return storedMessage("callBudget.fetchOutOfCalls", { limit: input.dailyLimit, nextAt: input.nextAllowedAt.toISOString() });
}

/** Why an account's balance was not read on this run (its balance calls of the day are spent). */
export function balanceNotRead(input: { accountName: string; dailyLimit: number; nextAllowedAt: Date }): StoredMessage {
  return storedMessage("callBudget.balanceNotRead", { account: input.accountName, limit: input.dailyLimit, nextAt: input.nextAllowedAt.toISOString() });
}

/** The bank refused a call our count still allowed (it counts differently, or another app reads the account). */
export function bankRefusedCall(input: { accountName: string; call: LimitedCall["scope"]; nextAllowedAt: Date }): StoredMessage {
  return storedMessage("callBudget.bankRefusedCall", { account: input.accountName, call: input.call, nextAt: input.nextAllowedAt.toISOString() });
}
