"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { MAX_LABEL_LENGTH, MAX_NOTE_LENGTH, reconcileTransactions, undoReconciliation } from "@/lib/reconcile/reconcile";
import { countLines } from "@/lib/transactions/editable-account";
import { selectionFrom, selectionSchema, type SelectionActionState } from "@/lib/transactions/selection-schema";

const reconcileSchema = selectionSchema.extend({
  counterpartLabel: z.string().trim().min(1, "Enter a counterpart label.").max(MAX_LABEL_LENGTH, `The counterpart label is limited to ${MAX_LABEL_LENGTH} characters.`),
  note: z.string().trim().max(MAX_NOTE_LENGTH, `The note is limited to ${MAX_NOTE_LENGTH} characters.`).optional(),
  keepAsCategory: z.literal("on").optional(),
});

/** "Reconcile" on the account's transactions page. */
export async function reconcileAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = reconcileSchema.safeParse({
    ...selectionFrom(formData),
    counterpartLabel: formData.get("counterpartLabel") ?? "",
    note: formData.get("note") ?? undefined,
    keepAsCategory: formData.get("keepAsCategory") ?? undefined,
  });
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "Invalid request." };
  const result = await reconcileTransactions(db, { companyId: membership.companyId, userId: membership.userId }, {
    bankAccountId: parsed.data.bankAccountId, transactionIds: parsed.data.transactionIds,
    counterpartLabel: parsed.data.counterpartLabel, note: parsed.data.note, keepAsCategory: parsed.data.keepAsCategory === "on",
  });
  if (!result.ok) return { status: "error", message: result.error };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: `${countLines(result.count)} reconciled.` };
}

/** "Undo reconciliation" on the account's transactions page. */
export async function undoReconciliationAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = selectionSchema.safeParse(selectionFrom(formData));
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "Invalid request." };
  const result = await undoReconciliation(db, { companyId: membership.companyId, userId: membership.userId }, parsed.data);
  if (!result.ok) return { status: "error", message: result.error };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: `Reconciliation undone for ${countLines(result.count)}.` };
}
