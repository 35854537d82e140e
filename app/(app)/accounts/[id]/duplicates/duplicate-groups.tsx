"use client";

import { useActionState, useState, type ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useSelection } from "@/components/use-selection";
import type { DuplicateGroup } from "@/lib/duplicates/find";
import { formatDate } from "@/lib/dates";
import { formatMoney, isNegative } from "@/lib/money";
import type { SelectionActionState } from "@/lib/transactions/selection-schema";
import { deleteDuplicatesAction } from "./actions";
import { NotDuplicateButton } from "./not-duplicate-button";

const idle: SelectionActionState = { status: "idle", message: null };

/**
 * The groups of possible duplicates, with checkboxes and "Delete Selected" behind a confirmation.
 * Rendered even when there are none (`empty` then shows), so that the answer of the deletion
 * that removed the last group stays on screen after the page refreshes. Each line says where
 * it came from; raw online ids only in developer mode.
 */
export function DuplicateGroups({ bankAccountId, groups, empty, developerMode }: { bankAccountId: string; groups: DuplicateGroup[]; empty: ReactNode; developerMode: boolean }) {
  const t = useTranslations("duplicates");
  const sources = useTranslations("duplicateSources");
  const locale = useLocale();
  const { selected, toggle, clear, drop } = useSelection<number>();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [state, deleteSelected, pending] = useActionState(async (previous: SelectionActionState, formData: FormData) => {
    const next = await deleteDuplicatesAction(previous, formData);
    setConfirming(false);
    setNotice(null);
    if (next.status === "done") clear();
    return next;
  }, idle);

  const count = selected.size;
  // A group marked "Not a duplicate" leaves the list: its lines leave the selection too.
  const markedNotDuplicate = (ids: number[], message: string) => {
    drop(ids);
    setNotice(message);
  };
  // A group's lines share its date and mostly its amount: each text is formatted once a render.
  const date = rememberEach((isoDate) => formatDate(isoDate, locale));
  const amountText = rememberEach((key) => {
    const [amount, currency] = key.split("|") as [string, string];
    return formatMoney(amount, currency, locale);
  });
  const moneyOf = (item: { amount: string; currency: string }) => amountText(`${item.amount}|${item.currency}`);
  const groupTitle = (group: DuplicateGroup): string => {
    const money = moneyOf(group);
    if (group.reason === "online_id") {
      return developerMode ? t("groupOnlineId", { id: group.lines[0]?.onlineTransactionId ?? "" }) : sources("groupSameTransaction", { date: date(group.bookingDate), amount: money });
    }
    if (group.reason === "pending_twin") return t("groupPendingTwin", { date: date(group.bookingDate), amount: money });
    return t("groupFingerprint", { date: date(group.bookingDate), amount: money });
  };

  const outcome = (
    <>
      {notice && <p role="status" className="text-sm text-green-700">{notice}</p>}
      {state.message && (
        <p role={state.status === "error" ? "alert" : "status"} className={`text-sm ${state.status === "error" ? "text-red-700" : "text-green-700"}`}>
          {state.message}
        </p>
      )}
    </>
  );
  if (groups.length === 0) {
    return (
      <div className="mt-6 space-y-3">
        {outcome}
        {empty}
      </div>
    );
  }

  return (
    <div className="mt-6">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-600">{t("groupsSelected", { groups: groups.length, count })}</span>
        <button type="button" disabled={count === 0 || pending} onClick={() => setConfirming(true)}
          className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-50">
          {t("deleteSelected")}
        </button>
        {outcome}
      </div>

      {confirming && count > 0 && (
        <form action={deleteSelected} role="alertdialog" aria-label={t("confirmDeletion")} className="mt-3 flex flex-wrap items-center gap-3 rounded-xl border border-red-200 bg-red-50 p-4">
          <input type="hidden" name="bankAccountId" value={bankAccountId} />
          {[...selected].map((id) => <input key={id} type="hidden" name="transactionId" value={id} />)}
          <p className="text-sm text-red-900">
            {t("confirmText", { count })}
          </p>
          <button type="submit" disabled={pending} className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60">
            {pending ? t("deleting") : t("delete")}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="text-sm text-slate-700 hover:text-brand-700">{t("cancel")}</button>
        </form>
      )}

      {groups.map((group) => {
        const title = groupTitle(group);
        return (
        <section key={group.key} aria-label={title} className="mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="text-sm font-medium">{title}</h2>
              <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">{t(`reason.${group.reason}`)}</span>
            </div>
            <NotDuplicateButton bankAccountId={bankAccountId} group={group} onDone={markedNotDuplicate} />
          </div>
          <table className="w-full text-sm">
            <tbody className="divide-y divide-slate-100">
              {group.lines.map((line) => {
                const elsewhere = line.bankAccountId !== bankAccountId;
                const locked = line.reconciled || elsewhere;
                return (
                  <tr key={`${group.key}-${line.id}`} className={locked ? "text-slate-500" : undefined}>
                    <td className="w-10 px-4 py-2">
                      <input type="checkbox" disabled={locked} checked={selected.has(line.id)} onChange={() => toggle(line.id)}
                        aria-label={t("selectLine", { date: date(line.bookingDate), description: line.description, amount: moneyOf(line) })} />
                    </td>
                    <td className="whitespace-nowrap px-4 py-2 tabular-nums">{date(line.bookingDate)}</td>
                    <td className="px-4 py-2">
                      {line.description}
                      <div className="text-xs text-slate-500">
                        {line.source !== "manual" && line.sourceName ? sources(`${line.source}Named`, { name: line.sourceName }) : sources(line.source)}
                        {developerMode && ` · ${line.onlineTransactionId ? t("onlineId", { id: line.onlineTransactionId }) : t("noOnlineId")}`}
                        {line.partnerName ? ` · ${line.partnerName}` : ""}
                      </div>
                    </td>
                    <td className={`whitespace-nowrap px-4 py-2 text-right tabular-nums ${isNegative(line.amount) ? "text-red-700" : ""}`}>
                      {moneyOf(line)}
                    </td>
                    <td className="px-4 py-2 text-xs">
                      {line.reconciled ? t("reconciledLine") : elsewhere ? t("elsewhere", { account: line.accountName }) : ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        );
      })}
    </div>
  );
}

/** `format`, remembering its answer for each key it was asked about. */
function rememberEach(format: (key: string) => string): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => {
    let text = known.get(key);
    if (text === undefined) {
      text = format(key);
      known.set(key, text);
    }
    return text;
  };
}
