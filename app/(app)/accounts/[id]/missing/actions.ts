"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { isIsoDate } from "@/lib/dates";
import { issueRefusal } from "@/lib/i18n/refusal";
import { renderStoredMessage, type StoredMessageKey } from "@/lib/i18n/stored-message";
import { importMissingTransactions } from "@/lib/missing/import";
import { restoreDeletedTransactions } from "@/lib/transactions/restore";
import { MAX_SELECTION, type SelectionActionState } from "@/lib/transactions/selection-schema";

const importSchema = z.object({
  bankAccountId: z.string().uuid("refusals.unknownBankAccount" satisfies StoredMessageKey),
  startingDate: z.string().refine(isIsoDate, "refusals.startingDateInvalid" satisfies StoredMessageKey),
  onlineTransactionIds: z.array(z.string().min(1).max(500)).min(1, "refusals.selectToImport" satisfies StoredMessageKey).max(MAX_SELECTION),
});

/** "Import Transactions" on Find Missing Transactions. */
export async function importMissingAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = importSchema.safeParse({
    bankAccountId: formData.get("bankAccountId"), startingDate: formData.get("startingDate"), onlineTransactionIds: formData.getAll("onlineTransactionId"),
  });
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await importMissingTransactions({ db }, { companyId: membership.companyId, userId: membership.userId }, parsed.data);
  // A provider's own words have no text and stay as the bank wrote them.
  if (!result.ok) return { status: "error", message: result.text ? renderStoredMessage(result.text, await getLocale()) : result.message };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  const t = await getTranslations("actions");
  const imported = t("imported", { count: result.inserted });
  return { status: "done", message: result.alreadyPresent > 0 ? `${imported} ${t("alreadyPresent", { count: result.alreadyPresent })}` : imported };
}

const restoreSchema = z.object({
  bankAccountId: z.string().uuid("refusals.unknownBankAccount" satisfies StoredMessageKey),
  deletionId: z.coerce.number().int().positive("refusals.unknownDeletedLine" satisfies StoredMessageKey),
});

/** "Restore" on a line deleted earlier, listed by Find Missing Transactions. */
export async function restoreDeletedAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = restoreSchema.safeParse({ bankAccountId: formData.get("bankAccountId"), deletionId: formData.get("deletionId") });
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await restoreDeletedTransactions(db, { companyId: membership.companyId, userId: membership.userId }, {
    bankAccountId: parsed.data.bankAccountId, deletionIds: [parsed.data.deletionId],
  });
  if (!result.ok) return { status: "error", message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: (await getTranslations("actions"))("restored", { count: result.restored }) };
}
