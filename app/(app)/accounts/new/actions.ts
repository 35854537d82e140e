"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { createManualAccount } from "@/lib/bank-accounts/create-manual";
import type { ManualAccountField } from "@/lib/bank-accounts/manual-account-schema";
import { renderFieldRefusals } from "@/lib/i18n/refusal";
import { renderStoredMessage } from "@/lib/i18n/stored-message";

/** The refusal in the reader's language, field by field. */
export type AddBankResult = { ok: true } | { ok: false; error: string; fieldErrors: Partial<Record<ManualAccountField, string[]>> };

/** Creates the manual account in the signed-in user's company, then shows it on the dashboard, which says it was added. */
export async function addManualBankAccount(input: unknown): Promise<AddBankResult> {
  const membership = await requireMembership();
  const result = await createManualAccount(db, membership.companyId, input);
  if (!result.ok) {
    const locale = await getLocale();
    return { ok: false, error: renderStoredMessage(result.error, locale), fieldErrors: renderFieldRefusals(result.fieldErrors, locale) };
  }
  revalidatePath("/");
  redirect(`/?added=${result.bankAccountId}`);
}
