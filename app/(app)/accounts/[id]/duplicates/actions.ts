"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { markNotDuplicate } from "@/lib/duplicates/not-duplicate";
import { issueRefusal } from "@/lib/i18n/refusal";
import { renderStoredMessage } from "@/lib/i18n/stored-message";
import { notDuplicateFrom, notDuplicateSchema } from "@/lib/duplicates/not-duplicate-schema";
import { deleteTransactions } from "@/lib/transactions/delete";
import { selectionFrom, selectionSchema, type SelectionActionState } from "@/lib/transactions/selection-schema";

/** "Delete Selected" on Find Duplicate Transactions, after the user confirmed. */
export async function deleteDuplicatesAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = selectionSchema.safeParse(selectionFrom(formData));
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await deleteTransactions(db, { companyId: membership.companyId, userId: membership.userId }, {
    ...parsed.data, reason: "Find Duplicate Transactions",
  });
  if (!result.ok) return { status: "error", message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: (await getTranslations("actions"))("deleted", { count: result.deleted }) };
}

/** "Not a duplicate" on one group of Find Duplicate Transactions. */
export async function notDuplicateAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = notDuplicateSchema.safeParse(notDuplicateFrom(formData));
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await markNotDuplicate(db, { companyId: membership.companyId, userId: membership.userId }, parsed.data);
  if (!result.ok) return { status: "error", message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: (await getTranslations("actions"))("markedNotDuplicate", { count: result.lines }) };
}
