"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import type { AccountDetailsField } from "@/lib/bank-accounts/account-details-schema";
import { updateAccountDetails } from "@/lib/bank-accounts/update-details";
import { renderFieldRefusals } from "@/lib/i18n/refusal";
import { renderStoredMessage } from "@/lib/i18n/stored-message";

/** The refusal in the reader's language, field by field. */
export type UpdateDetailsState = { ok: true } | { ok: false; error: string; fieldErrors: Partial<Record<AccountDetailsField, string[]>> };

/** "Save" on the Edit account page: the service validates and scopes to the member's company. */
export async function updateAccountDetailsAction(input: unknown): Promise<UpdateDetailsState> {
  const membership = await requireMembership();
  const result = await updateAccountDetails(db, membership.companyId, input);
  if (!result.ok) {
    const locale = await getLocale();
    return { ok: false, error: renderStoredMessage(result.error, locale), fieldErrors: renderFieldRefusals(result.fieldErrors, locale) };
  }
  revalidatePath("/", "layout");
  return result;
}
