import { db } from "@/db/client";
import { formatMoney, isNegative } from "@/lib/money";
import { listDroppedNotes } from "@/lib/pending/dropped";
import { listOpenPendingLines } from "@/lib/pending/queries";
import { toIsoDate } from "@/lib/dates";
import { DroppedNoteActions } from "./dropped-note-actions";
import { PendingNoteForm } from "./pending-note-form";

/**
 * The account's pending lines, greyed above the booked ones: not in the books yet, but a
 * note or partner typed here moves to the booked line when the bank posts it. Nothing is
 * shown when the bank lists none. A line the bank stopped listing without a booked line
 * we could link stays here while it carries the user's note, until attached or dismissed.
 */
export async function PendingLines({ companyId, bankAccountId }: { companyId: string; bankAccountId: string }) {
  const [lines, dropped] = await Promise.all([
    listOpenPendingLines(db, { companyId, bankAccountId }),
    listDroppedNotes(db, { companyId, bankAccountId }),
  ]);
  if (lines.length === 0 && dropped.length === 0) return null;

  return (
    <section aria-labelledby="pending-lines-heading" className="mt-6">
      <h2 id="pending-lines-heading" className="text-sm font-semibold">Pending</h2>
      <p className="text-xs text-slate-500">
        Listed by the bank but not booked yet, so not in the transactions below. A note or partner added here moves to the
        booked transaction when it posts.
      </p>
      <div className="mt-2 overflow-x-auto rounded-xl border border-dashed border-slate-300 bg-slate-50">
        <table className="w-full text-sm text-slate-500">
          <caption className="sr-only">Pending transactions, newest first</caption>
          <tbody className="divide-y divide-slate-200">
            {lines.map((line) => (
              <tr key={line.id} aria-label={`Pending ${line.bookingDate} ${line.description} ${formatMoney(line.amount, line.currency)}`}>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums">{line.bookingDate}</td>
                <td className="px-4 py-2">
                  {line.description}
                  <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-600">Pending</span>
                  <div className="text-xs">Pending since {toIsoDate(line.firstSeenAt)}</div>
                </td>
                <td className="px-4 py-2">{line.partnerName ?? "—"}</td>
                <td className={`whitespace-nowrap px-4 py-2 text-right tabular-nums ${isNegative(line.amount) ? "text-red-400" : ""}`}>
                  {formatMoney(line.amount, line.currency)}
                </td>
                <td className="px-4 py-2">
                  <PendingNoteForm bankAccountId={bankAccountId} pendingId={line.id} label={`${line.bookingDate} ${line.description}`}
                    note={line.note} partnerName={line.userPartnerName} />
                </td>
              </tr>
            ))}
            {dropped.map((line) => (
              <tr key={`dropped-${line.id}`} aria-label={`No longer listed ${line.bookingDate} ${line.description} ${formatMoney(line.amount, line.currency)}`}>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums">{line.bookingDate}</td>
                <td className="px-4 py-2">
                  {line.description}
                  <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">No longer listed by the bank</span>
                  <div className="text-xs text-slate-700">
                    {line.note && <>Your note: {line.note}</>}
                    {line.note && line.userPartnerName && " · "}
                    {line.userPartnerName && <>Partner: {line.userPartnerName}</>}
                  </div>
                  <div className="text-xs">
                    {line.candidates.length > 0
                      ? "No booked transaction could be linked for sure: attach the note to the one it became, or dismiss it."
                      : "No booked transaction of this amount was found: copy the note where it belongs, then dismiss it."}
                  </div>
                </td>
                <td className="px-4 py-2">—</td>
                <td className={`whitespace-nowrap px-4 py-2 text-right tabular-nums ${isNegative(line.amount) ? "text-red-400" : ""}`}>
                  {formatMoney(line.amount, line.currency)}
                </td>
                <td className="px-4 py-2">
                  <DroppedNoteActions bankAccountId={bankAccountId} pendingId={line.id} label={`${line.bookingDate} ${line.description}`} candidates={line.candidates} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
