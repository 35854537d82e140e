"use client";

import { useActionState } from "react";
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
          {missing.length} missing · {pending.length} pending · {selected.size} selected
        </span>
        <button type="submit" disabled={selected.size === 0 || importing}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {importing ? "Importing…" : "Import Transactions"}
        </button>
        {state.message && (
          <p role={state.status === "error" ? "alert" : "status"} className={`text-sm ${state.status === "error" ? "text-red-700" : "text-green-700"}`}>
            {state.message}
          </p>
        )}
      </div>
      <div className="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">Transactions at the bank that are not here, newest first</caption>
          <tbody className="divide-y divide-slate-100">
            {missing.map((line) => (
              <tr key={line.onlineTransactionId}>
                <td className="w-10 px-4 py-2">
                  <input type="checkbox" name="onlineTransactionId" value={line.onlineTransactionId} checked={selected.has(line.onlineTransactionId)}
                    onChange={() => toggle(line.onlineTransactionId)} aria-label={`Select ${line.bookingDate} ${line.description} ${formatMoney(line.amount, line.currency)}`} />
                </td>
                <LineCells line={line} />
                <td className="px-4 py-2 text-xs text-slate-500">Posted</td>
              </tr>
            ))}
            {pending.map((line) => (
              <tr key={line.onlineTransactionId} className="bg-slate-50 text-slate-400">
                <td className="w-10 px-4 py-2">
                  <input type="checkbox" disabled aria-label={`Pending ${line.bookingDate} ${line.description} ${formatMoney(line.amount, line.currency)}`} />
                </td>
                <LineCells line={line} />
                <td className="px-4 py-2 text-xs">Pending transactions cannot be imported</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </form>
  );
}

function LineCells({ line }: { line: MissingLine }) {
  return (
    <>
      <td className="whitespace-nowrap px-4 py-2 tabular-nums">{line.bookingDate}</td>
      <td className="px-4 py-2">
        {line.description}
        {line.partnerName && <div className="text-xs">{line.partnerName}</div>}
        {line.note && <div className="text-xs text-slate-600">Note: {line.note}</div>}
      </td>
      <td className={`whitespace-nowrap px-4 py-2 text-right tabular-nums ${line.status === "posted" && isNegative(line.amount) ? "text-red-700" : ""}`}>
        {formatMoney(line.amount, line.currency)}
      </td>
    </>
  );
}
