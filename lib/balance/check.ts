/**
 * The balance check after an account's sync: the balance the bank reports against the
 * opening balance plus the account's lines booked on or before the balance's date. Every
 * check is stored (balance_checks); a difference, and the return to a match, are written
 * to the connection log. All arithmetic happens in PostgreSQL numeric.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { balanceChecks, bankAccounts } from "@/db/schema";
import { moneyParam, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvent } from "@/lib/connections/log";
import { toIsoDate } from "@/lib/dates";
import { isDecimalString } from "@/lib/money";

export type BalanceCheckInput = {
  companyId: string;
  connectionId: string | null;
  syncRunId: string | null;
  bankAccount: { id: string; name: string };
  balance: { amount: string; currency: string; asOf: Date };
};

export type BalanceCheckResult = {
  status: "opening_set" | "matches" | "differs";
  bankBalance: string;
  computedBalance: string;
  difference: string;
  linesThrough: string;
};

/**
 * Checks the account's balance and records the outcome. Returns null (after logging the
 * cause for the operator) when the check itself fails: it is advisory, and the sync whose
 * lines are already committed must not be reported as failed because of it.
 */
export async function checkBalance(db: Db, input: BalanceCheckInput): Promise<BalanceCheckResult | null> {
  if (!isDecimalString(input.balance.amount.trim())) return null;
  try {
    return await db.transaction((tx) => recordCheck(tx, input));
  } catch (error) {
    console.error(`[balance] check of account ${input.bankAccount.id} failed`, error);
    return null;
  }
}

async function recordCheck(tx: Tx, input: BalanceCheckInput): Promise<BalanceCheckResult | null> {
  const accountId = input.bankAccount.id;
  const currency = input.balance.currency.toUpperCase();
  const linesThrough = toIsoDate(input.balance.asOf);
  // Locked so that two checks of one account (a retry racing the schedule) derive the opening balance once.
  const [account] = await tx
    .select({ openingBalance: bankAccounts.openingBalance })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, accountId), eq(bankAccounts.companyId, input.companyId)))
    .for("update");
  if (!account) return null;
  const [previous] = await tx
    .select({ matched: sql<boolean>`${balanceChecks.difference} = 0` })
    .from(balanceChecks)
    .where(eq(balanceChecks.bankAccountId, accountId))
    .orderBy(desc(balanceChecks.checkedAt), desc(balanceChecks.id))
    .limit(1);

  const bank = sql`${input.balance.amount.trim()}::numeric`;
  // Summed once (one pass over every line of the account, a hundred thousand after a big
  // first sync) for both the opening balance and the check.
  const [summed] = await tx.execute<{ total: string }>(sql`select coalesce(sum(t.amount), 0)::text as total from transactions t
    where t.bank_account_id = ${accountId}::uuid and t.booking_date <= ${linesThrough}::date and t.currency = ${currency}`);
  const lines = sql`${summed!.total}::numeric`;
  const openingSet = account.openingBalance === null;
  if (openingSet) {
    // The first balance we see defines where the books start: bank balance minus the lines so far.
    await tx.update(bankAccounts).set({ openingBalance: sql`${bank} - ${lines}` }).where(eq(bankAccounts.id, accountId));
  }
  const [check] = await tx.execute<{ bank_balance: string; computed_balance: string; difference: string; matches: boolean }>(sql`
    with c as (
      select ${bank} as bank_balance, a.opening_balance + ${lines} as computed_balance
      from bank_accounts a where a.id = ${accountId}::uuid
    )
    insert into balance_checks (bank_account_id, sync_run_id, currency, bank_balance, bank_balance_as_of, computed_balance, difference, lines_through)
    select ${accountId}::uuid, ${input.syncRunId}::uuid, ${currency}, c.bank_balance, ${input.balance.asOf.toISOString()}::timestamptz,
      c.computed_balance, c.bank_balance - c.computed_balance, ${linesThrough}::date
    from c
    returning bank_balance::text, computed_balance::text, difference::text, difference = 0 as matches
  `);
  if (!check) return null;

  const result: BalanceCheckResult = {
    status: openingSet ? "opening_set" : check.matches ? "matches" : "differs",
    bankBalance: check.bank_balance,
    computedBalance: check.computed_balance,
    difference: check.difference,
    linesThrough,
  };
  const money = (amount: string) => moneyParam(amount, currency);
  const log = (level: "info" | "warning", message: StoredMessage) => logConnectionEvent(tx, {
    companyId: input.companyId, connectionId: input.connectionId, syncRunId: input.syncRunId, bankAccountId: accountId, level, message,
    details: { bankBalance: result.bankBalance, computedBalance: result.computedBalance, difference: result.difference, linesThrough },
  });
  if (result.status === "opening_set") {
    await log("info", storedMessage("connections.openingSetFromBank", { account: input.bankAccount.name, balanceMoney: money(result.bankBalance), throughDate: linesThrough }));
  } else if (result.status === "differs") {
    await log("warning", storedMessage("connections.balanceDiffers", {
      differenceMoney: money(result.difference.replace(/^-/, "")), bankMoney: money(result.bankBalance), computedMoney: money(result.computedBalance),
      account: input.bankAccount.name, throughDate: linesThrough,
    }));
  } else if (previous && !previous.matched) {
    await log("info", storedMessage("connections.balanceMatchesAgain", { bankMoney: money(result.bankBalance), account: input.bankAccount.name, throughDate: linesThrough }));
  }
  return result;
}
