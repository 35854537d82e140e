"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { setOpeningBalance } from "@/lib/balance/opening-balance";
import { issueRefusal } from "@/lib/i18n/refusal";
import { renderStoredMessage, type StoredMessageKey } from "@/lib/i18n/stored-message";
import { openingBalanceSchema } from "@/lib/balance/opening-balance-schema";
import { attachDroppedNote, dismissDroppedNote } from "@/lib/pending/dropped";
import { MAX_PENDING_NOTE_LENGTH, MAX_PENDING_PARTNER_LENGTH, savePendingNote } from "@/lib/pending/note";
import { MAX_LABEL_LENGTH, MAX_NOTE_LENGTH, reconcileTransactions, undoReconciliation } from "@/lib/reconcile/reconcile";
import { deleteTransactions } from "@/lib/transactions/delete";
import { manualDeleteSchema, manualDeletionReason } from "@/lib/transactions/manual-delete";
import { selectionFrom, selectionSchema, type SelectionActionState } from "@/lib/transactions/selection-schema";

const reconcileSchema = selectionSchema.extend({
  counterpartLabel: z.string().trim().min(1, "refusals.counterpartLabelRequired" satisfies StoredMessageKey).max(MAX_LABEL_LENGTH, "refusals.counterpartLabelTooLong" satisfies StoredMessageKey),
  note: z.string().trim().max(MAX_NOTE_LENGTH, "refusals.noteTooLong" satisfies StoredMessageKey).optional(),
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
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await reconcileTransactions(db, { companyId: membership.companyId, userId: membership.userId }, {
    bankAccountId: parsed.data.bankAccountId, transactionIds: parsed.data.transactionIds,
    counterpartLabel: parsed.data.counterpartLabel, note: parsed.data.note, keepAsCategory: parsed.data.keepAsCategory === "on",
  });
  if (!result.ok) return { status: "error", message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: (await getTranslations("actions"))("reconciled", { count: result.count }) };
}

/** "Undo reconciliation" on the account's transactions page. */
export async function undoReconciliationAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = selectionSchema.safeParse(selectionFrom(formData));
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await undoReconciliation(db, { companyId: membership.companyId, userId: membership.userId }, parsed.data);
  if (!result.ok) return { status: "error", message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: (await getTranslations("actions"))("reconciliationUndone", { count: result.count }) };
}

/**
 * "Delete" on the account's transactions page, after the user confirmed: the same service
 * as Find Duplicate Transactions (all or nothing, reconciled and locked lines refused, each
 * line remembered so no sync or import brings it back), with "Deleted by hand" as the reason.
 */
export async function deleteTransactionsAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = manualDeleteSchema.safeParse({ ...selectionFrom(formData), reason: formData.get("reason") ?? "" });
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await deleteTransactions(db, { companyId: membership.companyId, userId: membership.userId }, {
    bankAccountId: parsed.data.bankAccountId, transactionIds: parsed.data.transactionIds, reason: manualDeletionReason(parsed.data.reason),
  });
  if (!result.ok) return { status: "error", message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: (await getTranslations("actions"))("deletedRestorable", { count: result.deleted }) };
}

const pendingNoteSchema = z.object({
  bankAccountId: z.string().uuid("refusals.unknownBankAccount" satisfies StoredMessageKey),
  pendingId: z.coerce.number().int().positive("refusals.unknownPendingLine" satisfies StoredMessageKey).max(Number.MAX_SAFE_INTEGER, "refusals.unknownPendingLine" satisfies StoredMessageKey),
  note: z.string().trim().max(MAX_PENDING_NOTE_LENGTH, "refusals.noteTooLong" satisfies StoredMessageKey),
  partnerName: z.string().trim().max(MAX_PENDING_PARTNER_LENGTH, "refusals.partnerTooLong" satisfies StoredMessageKey),
});

/** "Add note" on a pending line: kept until the line posts, then moved to the posted line. */
export async function savePendingNoteAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = pendingNoteSchema.safeParse({
    bankAccountId: formData.get("bankAccountId"),
    pendingId: formData.get("pendingId"),
    note: formData.get("note") ?? "",
    partnerName: formData.get("partnerName") ?? "",
  });
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await savePendingNote(db, { companyId: membership.companyId, userId: membership.userId }, {
    bankAccountId: parsed.data.bankAccountId, pendingId: parsed.data.pendingId,
    note: parsed.data.note || null, partnerName: parsed.data.partnerName || null,
  });
  if (!result.ok) return { status: "error", message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: (await getTranslations("actions"))("pendingNoteSaved") };
}

const droppedNoteSchema = pendingNoteSchema.pick({ bankAccountId: true, pendingId: true });
const attachDroppedNoteSchema = droppedNoteSchema.extend({
  transactionId: z.coerce.number().int().positive("refusals.chooseBookedLine" satisfies StoredMessageKey).max(Number.MAX_SAFE_INTEGER, "refusals.chooseBookedLine" satisfies StoredMessageKey),
});

/** "Attach note" on a pending line the bank no longer lists: its note and partner move to the booked line the user chose. */
export async function attachDroppedNoteAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = attachDroppedNoteSchema.safeParse({
    bankAccountId: formData.get("bankAccountId"), pendingId: formData.get("pendingId"), transactionId: formData.get("transactionId"),
  });
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await attachDroppedNote(db, { companyId: membership.companyId, userId: membership.userId }, parsed.data);
  if (!result.ok) return { status: "error", message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: (await getTranslations("actions"))("noteAttached") };
}

/** "Dismiss" on a pending line the bank no longer lists, once the user has what they need from its note. */
export async function dismissDroppedNoteAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const parsed = droppedNoteSchema.safeParse({ bankAccountId: formData.get("bankAccountId"), pendingId: formData.get("pendingId") });
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await dismissDroppedNote(db, { companyId: membership.companyId, userId: membership.userId }, parsed.data);
  if (!result.ok) return { status: "error", message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath(`/accounts/${parsed.data.bankAccountId}`, "layout");
  return { status: "done", message: (await getTranslations("actions"))("dismissed") };
}

/** "Opening balance" → Save on the account page (administrators only). */
export async function openingBalanceAction(_previous: SelectionActionState, formData: FormData): Promise<SelectionActionState> {
  const membership = await requireMembership();
  const t = await getTranslations("actions");
  if (membership.role !== "admin") return { status: "error", message: t("openingBalanceAdminOnly") };
  const parsed = openingBalanceSchema.safeParse({ bankAccountId: formData.get("bankAccountId"), amount: formData.get("amount") ?? "" });
  if (!parsed.success) return { status: "error", message: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) };
  const result = await setOpeningBalance(db, { companyId: membership.companyId, userId: membership.userId }, parsed.data);
  if (!result.ok) return { status: "error", message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath("/", "layout");
  const outcome = !result.check ? "unchecked" : result.check.status === "differs" ? "differs" : "matches";
  return { status: "done", message: t("openingBalanceSaved", { outcome }) };
}
