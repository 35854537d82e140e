"use client";

import { useActionState } from "react";
import type { DeletedLine } from "@/lib/missing/deleted";
import { formatMoney } from "@/lib/money";
import type { SelectionActionState } from "@/lib/transactions/selection-schema";
import { restoreDeletedAction } from "./actions";

const idle: SelectionActionState = { status: "idle", message: null };

/** Lines deleted here on purpose since the Starting Date: never imported again, only restored on purpose. */
export function DeletedEarlier({ bankAccountId, since, lines }: { bankAccountId: string; since: string; lines: DeletedLine[] }) {
  const [state, restore, restoring] = useActionState(restoreDeletedAction, idle);
  return (
    <section aria-labelledby="deleted-earlier" className="mt-8">
      <h2 id="deleted-earlier" className="text-sm font-semibold">Deleted earlier</h2>
      <p className="text-xs text-slate-500">
        Lines of this account deleted here since {since}, whether or not the bank still reports them. No synchronization or import brings
        them back; restore one if it was deleted by mistake.
      </p>
      {state.message && (
        <p role={state.status === "error" ? "alert" : "status"} className={`mt-1 text-sm ${state.status === "error" ? "text-red-700" : "text-green-700"}`}>{state.message}</p>
      )}
      {lines.length === 0 ? (
        <p className="mt-2 rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">
          No line of this account dated {since} or later was deleted. To restore an older one, choose an earlier Starting Date.
        </p>
      ) : (
        <div className="mt-2 overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">Transactions deleted here earlier, newest first</caption>
            <tbody className="divide-y divide-slate-100">
              {lines.map((line) => (
                <tr key={line.deletionId} className="text-slate-500">
                  <td className="whitespace-nowrap px-4 py-2 tabular-nums">{line.bookingDate}</td>
                  <td className="px-4 py-2">
                    {line.description}
                    {line.partnerName && <div className="text-xs">{line.partnerName}</div>}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums">{formatMoney(line.amount, line.currency)}</td>
                  <td className="px-4 py-2 text-xs">
                    Deleted on {line.deletedAt.toISOString().slice(0, 10)}{line.by ? ` by ${line.by}` : ""}
                    <div className="text-slate-600">{line.reason}</div>
                  </td>
                  <td className="px-4 py-2 text-right">
                    {line.lockedBy ? (
                      <>
                        <button type="button" disabled aria-describedby={`locked-${line.deletionId}`} aria-label={`Restore ${line.bookingDate} ${line.description}`}
                          className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 opacity-50">
                          Restore
                        </button>
                        <div id={`locked-${line.deletionId}`} className="mt-1 text-xs text-amber-700">
                          Dated on or before the lock date ({line.lockedBy}): cannot be restored.
                        </div>
                      </>
                    ) : (
                      <form action={restore}>
                        <input type="hidden" name="bankAccountId" value={bankAccountId} />
                        <input type="hidden" name="deletionId" value={String(line.deletionId)} />
                        <button type="submit" disabled={restoring} aria-label={`Restore ${line.bookingDate} ${line.description}`}
                          className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50">
                          Restore
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
