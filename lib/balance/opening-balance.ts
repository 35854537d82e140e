/**
 * An admin sets or corrects an account's opening balance (the balance before its first
 * line), for instance when the bank's first balance already missed a line. The account is
 * checked again at once against the bank's last known balance, so the card and the chart
 * show the effect without waiting for the next sync.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { moneyParam, type StoredMessage, storedMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvent } from "@/lib/connections/log";
import { checkBalance, type BalanceCheckResult } from "./check";

export type OpeningBalanceResult = { ok: true; check: BalanceCheckResult | null } | { ok: false; error: StoredMessage };

export async function setOpeningBalance(
  db: Db,
  actor: { companyId: string; userId: string | null },
  input: { bankAccountId: string; amount: string },
): Promise<OpeningBalanceResult> {
  const [account] = await db
    .select({
      id: bankAccounts.id, name: bankAccounts.name, connectionId: bankAccounts.connectionId, currency: bankAccounts.currency,
      previous: sql<string | null>`${bankAccounts.openingBalance}::text`, balance: sql<string | null>`${bankAccounts.balance}::text`, balanceAsOf: bankAccounts.balanceAsOf,
    })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, input.bankAccountId), eq(bankAccounts.companyId, actor.companyId)));
  if (!account) return { ok: false, error: storedMessage("bankAccountMissing") };
  await db.update(bankAccounts).set({ openingBalance: input.amount }).where(eq(bankAccounts.id, account.id));
  const money = (amount: string) => moneyParam(amount, account.currency);
  await logConnectionEvent(db, {
    companyId: actor.companyId, connectionId: account.connectionId, bankAccountId: account.id, actorUserId: actor.userId, level: "user_action",
    message: account.previous !== null
      ? storedMessage("connections.openingBalanceChanged", { account: account.name, amountMoney: money(input.amount), previousMoney: money(account.previous) })
      : storedMessage("connections.openingBalanceSet", { account: account.name, amountMoney: money(input.amount) }),
  });
  const check = account.balance !== null && account.balanceAsOf !== null
    ? await checkBalance(db, {
      companyId: actor.companyId, connectionId: account.connectionId, syncRunId: null, bankAccount: account,
      balance: { amount: account.balance, currency: account.currency, asOf: account.balanceAsOf },
    })
    : null;
  return { ok: true, check };
}
