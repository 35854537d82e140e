/**
 * "Edit account": a bank account's name, number and currency, within the member's company.
 * The currency can change only while the account has no transactions (its lines, balances
 * and imports are all in that currency); the number stays unique within the company.
 */
import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, transactions } from "@/db/schema";
import { fieldRefusals } from "@/lib/i18n/refusal";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { accountDetailsSchema, type AccountDetailsFieldErrors } from "./account-details-schema";

export type UpdateDetailsResult = { ok: true } | { ok: false; error: StoredMessage; fieldErrors: AccountDetailsFieldErrors };

const fieldError = (fieldErrors: AccountDetailsFieldErrors): UpdateDetailsResult => ({ ok: false, error: storedMessage("refusals.checkFields"), fieldErrors });

export async function updateAccountDetails(db: Db, companyId: string, input: unknown): Promise<UpdateDetailsResult> {
  const parsed = accountDetailsSchema.safeParse(input);
  if (!parsed.success) return fieldError(fieldRefusals(parsed.error));
  const values = parsed.data;
  return db.transaction(async (tx): Promise<UpdateDetailsResult> => {
    // The same per-company lock as "Add new bank": two accounts never end up with one number.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`manual-bank-account:${companyId}`}))`);
    const [account] = await tx
      .select({ id: bankAccounts.id, currency: bankAccounts.currency })
      .from(bankAccounts)
      .where(and(eq(bankAccounts.id, values.bankAccountId), eq(bankAccounts.companyId, companyId)))
      .for("update");
    if (!account) return { ok: false, error: storedMessage("refusals.noSuchBankAccount"), fieldErrors: {} };
    const [sameNumber] = await tx
      .select({ id: bankAccounts.id })
      .from(bankAccounts)
      .where(and(
        eq(bankAccounts.companyId, companyId),
        ne(bankAccounts.id, account.id),
        sql`upper(regexp_replace(${bankAccounts.accountNumber}, '\\s', '', 'g')) = ${values.accountNumber}`,
      ))
      .limit(1);
    if (sameNumber) return fieldError({ accountNumber: [storedMessage("refusals.accountNumberTaken")] });
    if (values.currency !== account.currency) {
      const [line] = await tx.select({ id: transactions.id }).from(transactions).where(eq(transactions.bankAccountId, account.id)).limit(1);
      if (line) return fieldError({ currency: [storedMessage("refusals.currencyKept", { currency: account.currency })] });
    }
    await tx
      .update(bankAccounts)
      .set({ name: values.name || values.accountNumber, accountNumber: values.accountNumber, currency: values.currency })
      .where(eq(bankAccounts.id, account.id));
    return { ok: true };
  });
}
