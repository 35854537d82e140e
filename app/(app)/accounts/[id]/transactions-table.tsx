"use client";

import { useActionState, useId, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useSelection } from "@/components/use-selection";
import type { TransactionRow } from "@/lib/transactions/list";
import type { PendingOrigin } from "@/lib/pending/queries";
import { formatDate } from "@/lib/dates";
import { formatMoney, isNegative } from "@/lib/money";
import type { SelectionActionState } from "@/lib/transactions/selection-schema";
import { deleteTransactionsAction, reconcileAction, undoReconciliationAction } from "./actions";
import { DeleteConfirmation } from "./delete-confirmation";
import { RemovedByBankBadge } from "./removed-by-bank-badge";

const idle: SelectionActionState = { status: "idle", message: null };

/** The reconciliation view: the page of transactions with checkboxes, "Reconcile", "Undo reconciliation" and "Delete". */
export function TransactionsTable({ bankAccountId, rows, categories, lockDate = null, origins = {} }: {
  bankAccountId: string;
  rows: TransactionRow[];
  categories: string[];
  /** The company's lock date: lines on or before it cannot be deleted. */
  lockDate?: string | null;
  /** Lines that were pending first, by transaction id. */
  origins?: Record<number, PendingOrigin>;
}) {
  const t = useTranslations("transactions");
  const locale = useLocale();
  const { selected, toggle, replace, clear } = useSelection<number>();
  const [panel, setPanel] = useState<"reconcile" | "delete" | null>(null);
  // The latest action's answer, whichever it was.
  const [outcome, setOutcome] = useState<SelectionActionState>(idle);
  // A finished action leaves a fresh page: nothing stays ticked.
  const finish = (next: SelectionActionState) => {
    setOutcome(next);
    if (next.status === "done") {
      clear();
      setPanel(null);
    }
    return next;
  };
  const [, reconcile, reconcilePending] = useActionState(async (previous: SelectionActionState, formData: FormData) => finish(await reconcileAction(previous, formData)), idle);
  const [, undo, undoPending] = useActionState(async (previous: SelectionActionState, formData: FormData) => finish(await undoReconciliationAction(previous, formData)), idle);
  const [, deleteSelected, deletePending] = useActionState(async (previous: SelectionActionState, formData: FormData) => finish(await deleteTransactionsAction(previous, formData)), idle);
  const categoriesId = useId();

  const chosen = rows.filter((row) => selected.has(row.id));
  const allTicked = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const selectionInputs = (
    <>
      <input type="hidden" name="bankAccountId" value={bankAccountId} />
      {chosen.map((row) => <input key={row.id} type="hidden" name="transactionId" value={row.id} />)}
    </>
  );

  return (
    <div className="mt-6">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-600">{t("selected", { count: chosen.length })}</span>
        <button type="button" disabled={chosen.length === 0} onClick={() => setPanel("reconcile")}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {t("reconcile")}
        </button>
        <form action={undo}>
          {selectionInputs}
          <button type="submit" disabled={chosen.length === 0 || undoPending}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50">
            {undoPending ? t("undoing") : t("undo")}
          </button>
        </form>
        <button type="button" disabled={chosen.length === 0} onClick={() => setPanel("delete")}
          className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-50">
          {t("delete")}
        </button>
        {outcome.message && (
          <p role={outcome.status === "error" ? "alert" : "status"} className={`text-sm ${outcome.status === "error" ? "text-red-700" : "text-green-700"}`}>
            {outcome.message}
          </p>
        )}
      </div>

      {panel === "delete" && chosen.length > 0 && (
        <DeleteConfirmation action={deleteSelected} pending={deletePending} selectionInputs={selectionInputs} lines={chosen} lockDate={lockDate}
          onCancel={() => setPanel(null)} />
      )}

      {panel === "reconcile" && chosen.length > 0 && (
        <form action={reconcile} aria-label={t("reconcileSelection")} className="mt-3 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
          {selectionInputs}
          <div className="min-w-56 flex-1">
            <label htmlFor="counterpartLabel" className="block text-sm font-medium">{t("counterpartLabel")}</label>
            <input id="counterpartLabel" name="counterpartLabel" required maxLength={200} list={categoriesId} autoFocus
              placeholder={t("counterpartPlaceholder")} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5" />
            <datalist id={categoriesId}>
              {categories.map((name) => <option key={name} value={name} />)}
            </datalist>
          </div>
          <div className="min-w-56 flex-1">
            <label htmlFor="note" className="block text-sm font-medium">{t("note")} <span className="font-normal text-slate-500">{t("optional")}</span></label>
            <input id="note" name="note" maxLength={2000} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5" />
          </div>
          <label className="flex items-center gap-2 py-2 text-sm">
            <input type="checkbox" name="keepAsCategory" /> {t("keepAsCategory")}
          </label>
          <button type="submit" disabled={reconcilePending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {reconcilePending ? t("reconciling") : t("reconcileCount", { count: chosen.length })}
          </button>
          <button type="button" onClick={() => setPanel(null)} className="py-2 text-sm text-slate-600 hover:text-brand-700">{t("cancel")}</button>
        </form>
      )}

      <div className="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="w-10 px-4 py-2">
                <input type="checkbox" aria-label={t("selectAll")} checked={allTicked}
                  onChange={() => (allTicked ? clear() : replace(rows.map((row) => row.id)))} />
              </th>
              <th scope="col" className="px-4 py-2 font-medium">{t("date")}</th>
              <th scope="col" className="px-4 py-2 font-medium">{t("description")}</th>
              <th scope="col" className="px-4 py-2 font-medium">{t("partner")}</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">{t("amount")}</th>
              <th scope="col" className="px-4 py-2 font-medium">{t("reconciled")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} className={selected.has(row.id) ? "bg-brand-50" : undefined}>
                <td className="px-4 py-2">
                  <input type="checkbox" checked={selected.has(row.id)} onChange={() => toggle(row.id)}
                    aria-label={t("selectLine", { date: formatDate(row.bookingDate, locale), description: row.description, amount: formatMoney(row.amount, row.currency, locale) })} />
                </td>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDate(row.bookingDate, locale)}</td>
                <td className="px-4 py-2">
                  {row.description}
                  <RemovedByBankBadge removedAt={row.removedAtProviderAt} />
                  {row.reference && <div className="text-xs text-slate-500">{row.reference}</div>}
                  <PendingOriginNote origin={origins[row.id]} />
                </td>
                <td className="px-4 py-2">{row.partnerName ?? "—"}</td>
                <td className={`whitespace-nowrap px-4 py-2 text-right tabular-nums ${isNegative(row.amount) ? "text-red-700" : ""}`}>
                  {formatMoney(row.amount, row.currency, locale)}
                </td>
                <td className="px-4 py-2">
                  {row.reconciledAt ? (
                    <span className="rounded bg-green-50 px-2 py-0.5 text-xs text-green-800">{row.counterpartLabel ? t("reconciledAs", { label: row.counterpartLabel }) : t("reconciled")}</span>
                  ) : (
                    <span className="text-xs text-slate-500">{t("notReconciled")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** "Posted on …, was pending since …" and the note typed while it was pending. */
function PendingOriginNote({ origin }: { origin: PendingOrigin | undefined }) {
  const t = useTranslations("transactions");
  const locale = useLocale();
  if (!origin) return null;
  return (
    <div className="text-xs text-slate-500">
      {t("postedWasPending", { postedOn: formatDate(origin.postedOn, locale), pendingSince: formatDate(origin.pendingSince, locale) })}
      {origin.note && <div className="text-slate-700">{t("pendingNote", { note: origin.note })}</div>}
    </div>
  );
}
