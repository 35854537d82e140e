import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { formatMoney, isNegative } from "@/lib/money";
import { listDroppedNotes } from "@/lib/pending/dropped";
import { listOpenPendingLines } from "@/lib/pending/queries";
import { formatDate, toIsoDate } from "@/lib/dates";
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
  const t = await getTranslations("pending");
  const locale = await getLocale();
  const date = (isoDate: string) => formatDate(isoDate, locale);
  const money = (line: { amount: string; currency: string }) => formatMoney(line.amount, line.currency, locale);

  return (
    <section aria-labelledby="pending-lines-heading" className="mt-6">
      <h2 id="pending-lines-heading" className="text-sm font-semibold">{t("title")}</h2>
      <p className="text-xs text-slate-500">
        {t("intro")}
      </p>
      <div className="mt-2 overflow-x-auto rounded-xl border border-dashed border-slate-300 bg-slate-50">
        <table className="w-full text-sm text-slate-500">
          <caption className="sr-only">{t("caption")}</caption>
          <tbody className="divide-y divide-slate-200">
            {lines.map((line) => (
              <tr key={line.id} aria-label={t("pendingLine", { date: date(line.bookingDate), description: line.description, amount: money(line) })}>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums">{date(line.bookingDate)}</td>
                <td className="px-4 py-2">
                  {line.description}
                  <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-600">{t("badge")}</span>
                  <div className="text-xs">{t("pendingSince", { date: date(toIsoDate(line.firstSeenAt)) })}</div>
                </td>
                <td className="px-4 py-2">{line.partnerName ?? "—"}</td>
                <td className={`whitespace-nowrap px-4 py-2 text-right tabular-nums ${isNegative(line.amount) ? "text-red-400" : ""}`}>
                  {money(line)}
                </td>
                <td className="px-4 py-2">
                  <PendingNoteForm bankAccountId={bankAccountId} pendingId={line.id} label={`${date(line.bookingDate)} ${line.description}`}
                    note={line.note} partnerName={line.userPartnerName} />
                </td>
              </tr>
            ))}
            {dropped.map((line) => (
              <tr key={`dropped-${line.id}`} aria-label={t("droppedLine", { date: date(line.bookingDate), description: line.description, amount: money(line) })}>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums">{date(line.bookingDate)}</td>
                <td className="px-4 py-2">
                  {line.description}
                  <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">{t("droppedBadge")}</span>
                  <div className="text-xs text-slate-700">
                    {line.note && t("yourNote", { note: line.note })}
                    {line.note && line.userPartnerName && " · "}
                    {line.userPartnerName && t("partner", { partner: line.userPartnerName })}
                  </div>
                  <div className="text-xs">
                    {line.candidates.length > 0
                      ? t("droppedWithCandidates")
                      : t("droppedWithout")}
                  </div>
                </td>
                <td className="px-4 py-2">—</td>
                <td className={`whitespace-nowrap px-4 py-2 text-right tabular-nums ${isNegative(line.amount) ? "text-red-400" : ""}`}>
                  {money(line)}
                </td>
                <td className="px-4 py-2">
                  <DroppedNoteActions bankAccountId={bankAccountId} pendingId={line.id} label={`${date(line.bookingDate)} ${line.description}`} candidates={line.candidates} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
