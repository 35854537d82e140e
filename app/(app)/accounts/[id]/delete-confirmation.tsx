"use client";

import { useId, type ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatDate } from "@/lib/dates";
import { MAX_DELETE_REASON_LENGTH } from "@/lib/transactions/manual-delete";

/**
 * The confirmation of "Delete" on the account page: how many lines go, that they stay gone
 * (no sync, Find Missing or file import brings them back) and where to restore them, with
 * an optional reason. A selection with reconciled or locked lines is explained here and
 * cannot be submitted: the server refuses it too, all or nothing.
 */
export function DeleteConfirmation({ action, pending, selectionInputs, lines, lockDate, onCancel }: {
  action: (formData: FormData) => void;
  pending: boolean;
  /** The hidden bankAccountId and transactionId fields of the selection. */
  selectionInputs: ReactNode;
  lines: readonly { bookingDate: string; reconciledAt: Date | null }[];
  lockDate: string | null;
  onCancel: () => void;
}) {
  const t = useTranslations("deleteTransactions");
  const locale = useLocale();
  const titleId = useId();
  const explanationId = useId();
  const reconciled = lines.filter((line) => line.reconciledAt !== null).length;
  const locked = lockDate ? lines.filter((line) => line.bookingDate <= lockDate).length : 0;
  const blockers = [
    reconciled > 0 && t("reconciledBlocker", { count: reconciled }),
    locked > 0 && lockDate && t("lockedBlocker", { count: locked, lockDate: formatDate(lockDate, locale) }),
  ].filter((text): text is string => Boolean(text));

  return (
    <form action={action} role="alertdialog" aria-labelledby={titleId} aria-describedby={explanationId}
      onKeyDown={(event) => event.key === "Escape" && onCancel()}
      className="mt-3 rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      {selectionInputs}
      <h2 id={titleId} className="font-semibold">{t("title", { count: lines.length })}</h2>
      {blockers.length > 0 ? (
        <div id={explanationId} className="mt-1">
          {blockers.map((text) => <p key={text}>{text}</p>)}
          <p>{t("nothingDeleted")}</p>
        </div>
      ) : (
        <p id={explanationId} className="mt-1">
          {t("explanation", { count: lines.length })}
        </p>
      )}
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor={`${titleId}-reason`} className="block font-medium">{t("reason")} <span className="font-normal">{t("optional")}</span></label>
          <input id={`${titleId}-reason`} name="reason" maxLength={MAX_DELETE_REASON_LENGTH} autoFocus disabled={blockers.length > 0}
            placeholder={t("reasonPlaceholder")} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-slate-900" />
        </div>
        <button type="submit" disabled={pending || blockers.length > 0}
          className="rounded-md bg-red-600 px-4 py-2 font-medium text-white hover:bg-red-700 disabled:opacity-50">
          {pending ? t("deleting") : t("delete")}
        </button>
        <button type="button" onClick={onCancel} className="py-2 text-slate-700 hover:text-brand-700">{t("cancel")}</button>
      </div>
    </form>
  );
}

