"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatDate, toIsoDate } from "@/lib/dates";
import type { DeletedLine } from "@/lib/missing/deleted";
import { formatMoney } from "@/lib/money";
import type { SelectionActionState } from "@/lib/transactions/selection-schema";
import { restoreDeletedAction } from "./actions";

const idle: SelectionActionState = { status: "idle", message: null };

/** Lines deleted here on purpose since the Starting Date: never imported again, only restored on purpose. */
export function DeletedEarlier({ bankAccountId, since, lines }: { bankAccountId: string; since: string; lines: DeletedLine[] }) {
  const t = useTranslations("missing");
  const locale = useLocale();
  const date = (isoDate: string) => formatDate(isoDate, locale);
  const [state, restore, restoring] = useActionState(restoreDeletedAction, idle);
  return (
    <section aria-labelledby="deleted-earlier" className="mt-8">
      <h2 id="deleted-earlier" className="text-sm font-semibold">{t("deletedEarlier")}</h2>
      <p className="text-xs text-slate-500">
        {t("deletedIntro", { date: date(since) })}
      </p>
      {state.message && (
        <p role={state.status === "error" ? "alert" : "status"} className={`mt-1 text-sm ${state.status === "error" ? "text-red-700" : "text-green-700"}`}>{state.message}</p>
      )}
      {lines.length === 0 ? (
        <p className="mt-2 rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">
          {t("deletedEmpty", { date: date(since) })}
        </p>
      ) : (
        <div className="mt-2 overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("deletedCaption")}</caption>
            <tbody className="divide-y divide-slate-100">
              {lines.map((line) => (
                <tr key={line.deletionId} className="text-slate-500">
                  <td className="whitespace-nowrap px-4 py-2 tabular-nums">{date(line.bookingDate)}</td>
                  <td className="px-4 py-2">
                    {line.description}
                    {line.partnerName && <div className="text-xs">{line.partnerName}</div>}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums">{formatMoney(line.amount, line.currency, locale)}</td>
                  <td className="px-4 py-2 text-xs">
                    {line.by ? t("deletedOnBy", { date: date(toIsoDate(line.deletedAt)), by: line.by }) : t("deletedOn", { date: date(toIsoDate(line.deletedAt)) })}
                    <div className="text-slate-600">{line.reason}</div>
                  </td>
                  <td className="px-4 py-2 text-right">
                    {line.lockedBy ? (
                      <>
                        <button type="button" disabled aria-describedby={`locked-${line.deletionId}`} aria-label={t("restoreLine", { date: date(line.bookingDate), description: line.description })}
                          className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 opacity-50">
                          {t("restore")}
                        </button>
                        <div id={`locked-${line.deletionId}`} className="mt-1 text-xs text-amber-700">
                          {t("lockedRestore", { lockDate: date(line.lockedBy) })}
                        </div>
                      </>
                    ) : (
                      <form action={restore}>
                        <input type="hidden" name="bankAccountId" value={bankAccountId} />
                        <input type="hidden" name="deletionId" value={String(line.deletionId)} />
                        <button type="submit" disabled={restoring} aria-label={t("restoreLine", { date: date(line.bookingDate), description: line.description })}
                          className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50">
                          {t("restore")}
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
