"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatDate } from "@/lib/dates";
import { useSelection } from "@/components/use-selection";
import type { MissingLine } from "@/lib/missing/find";
import { formatMoney, isNegative } from "@/lib/money";
import type { SelectionActionState } from "@/lib/transactions/selection-schema";
import { importMissingAction } from "./actions";

const idle: SelectionActionState = { status: "idle", message: null };

/**
 * The bank's transactions that are not here: posted ones to tick and import, pending ones
 * greyed out. Lines deleted here on purpose are not passed in: "Deleted earlier" lists them.
 */
export function MissingList({ bankAccountId, startingDate, missing, pending }: {
  bankAccountId: string;
  startingDate: string;
  missing: MissingLine[];
  pending: MissingLine[];
}) {
  const t = useTranslations("missing");
  const locale = useLocale();
  const describe = (line: MissingLine) => ({ date: formatDate(line.bookingDate, locale), description: line.description, amount: formatMoney(line.amount, line.currency, locale) });
  const { selected, toggle, clear } = useSelection<string>();
  const [state, importSelected, importing] = useActionState(async (previous: SelectionActionState, formData: FormData) => {
    const next = await importMissingAction(previous, formData);
    if (next.status === "done") clear();
    return next;
  }, idle);

  return (
    <form action={importSelected} className="mt-6">
      <input type="hidden" name="bankAccountId" value={bankAccountId} />
      <input type="hidden" name="startingDate" value={startingDate} />
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-600">
          {t("counts", { missing: missing.length, pending: pending.length, selected: selected.size })}
        </span>
        <button type="submit" disabled={selected.size === 0 || importing}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {importing ? t("importing") : t("import")}
        </button>
        {state.message && (
          <p role={state.status === "error" ? "alert" : "status"} className={`text-sm ${state.status === "error" ? "text-red-700" : "text-green-700"}`}>
            {state.message}
          </p>
        )}
      </div>
      <div className="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <tbody className="divide-y divide-slate-100">
            {missing.map((line) => (
              <tr key={line.onlineTransactionId}>
                <td className="w-10 px-4 py-2">
                  <input type="checkbox" name="onlineTransactionId" value={line.onlineTransactionId} checked={selected.has(line.onlineTransactionId)}
                    onChange={() => toggle(line.onlineTransactionId)} aria-label={t("selectLine", describe(line))} />
                </td>
                <LineCells line={line} />
                <td className="px-4 py-2 text-xs text-slate-500">{t("posted")}</td>
              </tr>
            ))}
            {pending.map((line) => (
              <tr key={line.onlineTransactionId} className="bg-slate-50 text-slate-400">
                <td className="w-10 px-4 py-2">
                  <input type="checkbox" disabled aria-label={t("pendingLine", describe(line))} />
                </td>
                <LineCells line={line} />
                <td className="px-4 py-2 text-xs">{t("pendingCannotImport")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </form>
  );
}

function LineCells({ line }: { line: MissingLine }) {
  const t = useTranslations("missing");
  const locale = useLocale();
  return (
    <>
      <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDate(line.bookingDate, locale)}</td>
      <td className="px-4 py-2">
        {line.description}
        {line.partnerName && <div className="text-xs">{line.partnerName}</div>}
        {line.note && <div className="text-xs text-slate-600">{t("note", { note: line.note })}</div>}
      </td>
      <td className={`whitespace-nowrap px-4 py-2 text-right tabular-nums ${line.status === "posted" && isNegative(line.amount) ? "text-red-700" : ""}`}>
        {formatMoney(line.amount, line.currency, locale)}
      </td>
    </>
  );
}
