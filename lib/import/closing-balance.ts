/**
 * The statement's own closing balance, applied when its import is committed: it becomes
 * the account's balance unless the account already knows a newer one (a synced account's
 * live balance is not replaced by an old statement), and it is checked against the lines.
 */
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { checkBalance } from "@/lib/balance/check";
import type { ClosingBalance } from "./types";

type Account = { id: string; companyId: string; connectionId: string | null; name: string; currency: string };

/** The end of the statement's last day: lines booked that day count. */
const asOf = (balance: ClosingBalance) => new Date(`${balance.date}T23:59:59Z`);

/** Within the commit's transaction: stores the balance when it is the newest known. Returns whether it did. */
export async function storeClosingBalance(tx: Tx, account: Account, balance: ClosingBalance): Promise<boolean> {
  const updated = await tx
    .update(bankAccounts)
    .set({ balance: balance.amount, balanceAsOf: asOf(balance) })
    .where(and(eq(bankAccounts.id, account.id), or(isNull(bankAccounts.balanceAsOf), lte(bankAccounts.balanceAsOf, sql`${asOf(balance).toISOString()}::timestamptz`))))
    .returning({ id: bankAccounts.id });
  return updated.length > 0;
}

/** After the commit: the balance check (advisory; it logs its own outcome). */
export async function checkClosingBalance(db: Db, account: Account, balance: ClosingBalance) {
  return checkBalance(db, {
    companyId: account.companyId,
    connectionId: account.connectionId,
    syncRunId: null,
    bankAccount: { id: account.id, name: account.name },
    balance: { amount: balance.amount, currency: account.currency, asOf: asOf(balance) },
  });
}
