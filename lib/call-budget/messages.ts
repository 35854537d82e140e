/** The sentences a user reads about the call budget: in the connection log and on refusals (the card's line is in the catalogue, callBudget). */
import { formatUtcMinute } from "@/lib/dates";
import type { BudgetScope } from "./policy";

function calls(n: number): string {
  return n === 1 ? "1 call" : `${n} calls`;
}

/** Why a run made no call at all. */
export function runOutOfBudget(input: { dailyLimit: number | null; scope: BudgetScope; nextAllowedAt: Date }): string {
  if (input.dailyLimit === null) return `The bank allows the next refresh at ${formatUtcMinute(input.nextAllowedAt)}; no call was made.`;
  const per = input.scope === "account" ? " per account" : "";
  return `Daily limit of ${calls(input.dailyLimit)}${per} reached; next refresh allowed at ${formatUtcMinute(input.nextAllowedAt)}.`;
}

/** Why one account was left out of a run that synchronized others. */
export function accountOutOfBudget(input: { accountName: string; dailyLimit: number; nextAllowedAt: Date }): string {
  return `${input.accountName}: no calls left today (${input.dailyLimit} per day); skipped until ${formatUtcMinute(input.nextAllowedAt)}.`;
}

/** Why Fetch Transactions or Find Missing Transactions did not ask the bank. */
export function fetchOutOfBudget(input: { dailyLimit: number | null; nextAllowedAt: Date }): string {
  if (input.dailyLimit === null) return `The bank allows the next refresh at ${formatUtcMinute(input.nextAllowedAt)}.`;
  return `No calls left today for this bank (${input.dailyLimit} per day). Next refresh allowed at ${formatUtcMinute(input.nextAllowedAt)}.`;
}

/** Why an account's balance was not read on this run (its balance calls of the day are spent). */
export function balanceNotRead(input: { accountName: string; dailyLimit: number; nextAllowedAt: Date }): string {
  return `${input.accountName}: balance not updated: the bank allows ${calls(input.dailyLimit)} a day to read it and today's are used. The balance shown is the last one read; next read allowed at ${formatUtcMinute(input.nextAllowedAt)}.`;
}

/** The bank refused a call our count still allowed (it counts differently, or another app reads the account). */
export function bankRefusedCall(input: { accountName: string; what: string; nextAllowedAt: Date }): string {
  return `${input.accountName}: the bank refused to give the ${input.what}: its daily limit is reached. No more of these calls until ${formatUtcMinute(input.nextAllowedAt)}.`;
}
