/**
 * "Edit account": a bank account's name, number and currency, within the member's company.
 * The currency can change only while the account has no transactions (its lines, balances
 * and imports are all in that currency); the number stays unique within the company.
 */
import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { bankAccounts, transactions } from "@/db/schema";
import { accountDetailsSchema, type AccountDetailsFieldErrors } from "./account-details-schema";

export type UpdateDetailsResult = { ok: true } | { ok: false; error: string; fieldErrors: AccountDetailsFieldErrors };

const fieldError = (fieldErrors: AccountDetailsFieldErrors): UpdateDetailsResult => ({ ok: false, error: "Check the highlighted fields.", fieldErrors });

export async function updateAccountDetails(db: Db, companyId: string, input: unknown): Promise<UpdateDetailsResult> {
  const parsed = accountDetailsSchema.safeParse(input);
  if (!parsed.success) return fieldError(z.flattenError(parsed.error).fieldErrors);
  const values = parsed.data;
  return db.transaction(async (tx): Promise<UpdateDetailsResult> => {
    // The same per-company lock as "Add new bank": two accounts never end up with one number.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`manual-bank-account:${companyId}`}))`);
    const [account] = await tx
      .select({ id: bankAccounts.id, currency: bankAccounts.currency })
      .from(bankAccounts)
      .where(and(eq(bankAccounts.id, values.bankAccountId), eq(bankAccounts.companyId, companyId)))
      .for("update");
    if (!account) return { ok: false, error: "No such bank account.", fieldErrors: {} };
    const [sameNumber] = await tx
      .select({ id: bankAccounts.id })
      .from(bankAccounts)
      .where(and(
        eq(bankAccounts.companyId, companyId),
        ne(bankAccounts.id, account.id),
        sql`upper(regexp_replace(${bankAccounts.accountNumber}, '\\s', '', 'g')) = ${values.accountNumber}`,
      ))
      .limit(1);
    if (sameNumber) return fieldError({ accountNumber: ["Your company already has a bank account with this number."] });
    if (values.currency !== account.currency) {
      const [line] = await tx.select({ id: transactions.id }).from(transactions).where(eq(transactions.bankAccountId, account.id)).limit(1);
      if (line) return fieldError({ currency: [`The currency stays ${account.currency}: the account already has transactions in it.`] });
    }
    await tx
      .update(bankAccounts)
      .set({ name: values.name || values.accountNumber, accountNumber: values.accountNumber, currency: values.currency })
      .where(eq(bankAccounts.id, account.id));
    return { ok: true };
  });
}
