"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { isIsoDate } from "@/lib/dates";
import { importMissingTransactions } from "@/lib/missing/import";
import { restoreDeletedTransactions } from "@/lib/transactions/restore";
import { MAX_SELECTION, type SelectionActionState } from "@/lib/transactions/selection-schema";

const importSchema = z.object({
  bankAccountId: z.string().uuid("Unknown bank account."),
  startingDate: z.string().refine(isIsoDate, "Enter the Starting Date as a date."),
  onlineTransactionIds: z.array(z.string().min(1).max(500)).min(1, "Select at least one transaction to import.").max(MAX_SELECTION),
});

/** "Import Transactions" on Find Missing Transactions. */
export async function importMissingAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = importSchema.safeParse({
    bankAccountId: formData.get("bankAccountId"), startingDate: formData.get("startingDate"), onlineTransactionIds: formData.getAll("onlineTransactionId"),
  });
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "Invalid request." };
  const result = await importMissingTransactions({ db }, { companyId: membership.companyId, userId: membership.userId }, parsed.data);
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  const t = await getTranslations("actions");
  const imported = t("imported", { count: result.inserted });
  return { status: "done", message: result.alreadyPresent > 0 ? `${imported} ${t("alreadyPresent", { count: result.alreadyPresent })}` : imported };
}

const restoreSchema = z.object({
  bankAccountId: z.string().uuid("Unknown bank account."),
  deletionId: z.coerce.number().int().positive("Unknown deleted line."),
});

/** "Restore" on a line deleted earlier, listed by Find Missing Transactions. */
export async function restoreDeletedAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = restoreSchema.safeParse({ bankAccountId: formData.get("bankAccountId"), deletionId: formData.get("deletionId") });
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "Invalid request." };
  const result = await restoreDeletedTransactions(db, { companyId: membership.companyId, userId: membership.userId }, {
    bankAccountId: parsed.data.bankAccountId, deletionIds: [parsed.data.deletionId],
  });
  if (!result.ok) return { status: "error", message: result.error };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: (await getTranslations("actions"))("restored", { count: result.restored }) };
}
