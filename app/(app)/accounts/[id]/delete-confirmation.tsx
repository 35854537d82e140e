"use client";

import { useId, type ReactNode } from "react";
import { countLines } from "@/lib/transactions/count-lines";
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
  const titleId = useId();
  const explanationId = useId();
  const reconciled = lines.filter((line) => line.reconciledAt !== null).length;
  const locked = lockDate ? lines.filter((line) => line.bookingDate <= lockDate).length : 0;
  const blockers = [
    reconciled > 0 && `${countLines(reconciled)} of the selection ${reconciled === 1 ? "is" : "are"} reconciled and cannot be deleted. Undo the reconciliation first, or untick ${reconciled === 1 ? "it" : "them"}.`,
    locked > 0 && `${countLines(locked)} of the selection ${locked === 1 ? "is" : "are"} dated on or before the lock date (${lockDate}) and cannot be deleted. Untick ${locked === 1 ? "it" : "them"}.`,
  ].filter((text): text is string => Boolean(text));
  const them = lines.length === 1 ? "it" : "them";

  return (
    <form action={action} role="alertdialog" aria-labelledby={titleId} aria-describedby={explanationId}
      onKeyDown={(event) => event.key === "Escape" && onCancel()}
      className="mt-3 rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      {selectionInputs}
      <h2 id={titleId} className="font-semibold">Delete {countLines(lines.length)}?</h2>
      {blockers.length > 0 ? (
        <div id={explanationId} className="mt-1">
          {blockers.map((text) => <p key={text}>{text}</p>)}
          <p>Nothing is deleted while the selection has such lines.</p>
        </div>
      ) : (
        <p id={explanationId} className="mt-1">
          {lines.length === 1 ? "It is" : "They are"} removed from this account and recorded in its log. No sync, Find Missing
          Transactions or file import brings {them} back; you can restore {them} from Find Missing Transactions.
        </p>
      )}
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor={`${titleId}-reason`} className="block font-medium">Reason <span className="font-normal">(optional)</span></label>
          <input id={`${titleId}-reason`} name="reason" maxLength={MAX_DELETE_REASON_LENGTH} autoFocus disabled={blockers.length > 0}
            placeholder="Why these lines go" className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-slate-900" />
        </div>
        <button type="submit" disabled={pending || blockers.length > 0}
          className="rounded-md bg-red-600 px-4 py-2 font-medium text-white hover:bg-red-700 disabled:opacity-50">
          {pending ? "Deleting…" : "Delete"}
        </button>
        <button type="button" onClick={onCancel} className="py-2 text-slate-700 hover:text-brand-700">Cancel</button>
      </div>
    </form>
  );
}

