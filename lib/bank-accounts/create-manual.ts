/**
 * "Add new bank": creates a manual bank account (no connection, not synchronized) in one
 * company, after checking the input again with the form's own schema.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { fieldRefusals } from "@/lib/i18n/refusal";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { manualAccountSchema, type ManualAccountFieldErrors } from "./manual-account-schema";

export type CreateManualAccountResult =
  | { ok: true; bankAccountId: string }
  | { ok: false; error: StoredMessage; fieldErrors: ManualAccountFieldErrors };

const CHECK_FIELDS = storedMessage("refusals.checkFields");

export async function createManualAccount(db: Db, companyId: string, input: unknown): Promise<CreateManualAccountResult> {
  const parsed = manualAccountSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: CHECK_FIELDS, fieldErrors: fieldRefusals(parsed.error) };
  }
  const values = parsed.data;
  return db.transaction(async (tx): Promise<CreateManualAccountResult> => {
    // Serializes "Add new bank" per company, so two quick submits cannot both pass the duplicate check.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`manual-bank-account:${companyId}`}))`);
    const [existing] = await tx
      .select({ id: bankAccounts.id })
      .from(bankAccounts)
      .where(
        and(
          eq(bankAccounts.companyId, companyId),
          sql`upper(regexp_replace(${bankAccounts.accountNumber}, '\\s', '', 'g')) = ${values.accountNumber}`,
        ),
      )
      .limit(1);
    if (existing) {
      return {
        ok: false,
        error: CHECK_FIELDS,
        fieldErrors: { accountNumber: [storedMessage("refusals.accountNumberTaken")] },
      };
    }
    const [created] = await tx
      .insert(bankAccounts)
      .values({
        companyId,
        name: values.accountNumber,
        accountNumber: values.accountNumber,
        bankName: values.bankName || null,
        bic: values.bic || null,
        currency: values.currency,
        syncEnabled: false,
        connectionId: null,
      })
      .returning({ id: bankAccounts.id });
    return { ok: true, bankAccountId: created!.id };
  });
}
