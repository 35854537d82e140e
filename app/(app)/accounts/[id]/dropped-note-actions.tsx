"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatDate } from "@/lib/dates";
import type { BookedCandidate } from "@/lib/pending/dropped";
import type { SelectionActionState } from "@/lib/transactions/selection-schema";
import { attachDroppedNoteAction, dismissDroppedNoteAction } from "./actions";

const idle: SelectionActionState = { status: "idle", message: null };

/**
 * On a pending line the bank no longer lists: attach its note to the booked line it
 * became (chosen from the likely ones), or dismiss it once the note was copied.
 */
export function DroppedNoteActions({ bankAccountId, pendingId, label, candidates }: {
  bankAccountId: string;
  pendingId: number;
  /** Names the line for screen readers ("2026-11-24 Card payment …"). */
  label: string;
  candidates: BookedCandidate[];
}) {
  const t = useTranslations("pending");
  const locale = useLocale();
  const [attached, attach, attaching] = useActionState(attachDroppedNoteAction, idle);
  const [dismissed, dismiss, dismissing] = useActionState(dismissDroppedNoteAction, idle);
  const error = [attached, dismissed].find((state) => state.status === "error");

  return (
    <div className="flex flex-wrap items-end justify-end gap-2 text-xs">
      {candidates.length > 0 && (
        <form action={attach} aria-label={t("attachNoteOf", { line: label })} className="flex items-end gap-2">
          <input type="hidden" name="bankAccountId" value={bankAccountId} />
          <input type="hidden" name="pendingId" value={String(pendingId)} />
          <label className="block">
            <span className="block font-medium text-slate-700">{t("bookedTransaction")}</span>
            <select name="transactionId" className="mt-1 w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900">
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>{formatDate(candidate.bookingDate, locale)} {candidate.description}</option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={attaching} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {attaching ? t("attaching") : t("attachNote")}
          </button>
        </form>
      )}
      <form action={dismiss}>
        <input type="hidden" name="bankAccountId" value={bankAccountId} />
        <input type="hidden" name="pendingId" value={String(pendingId)} />
        <button type="submit" disabled={dismissing} aria-label={t("dismissLine", { line: label })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60">
          {t("dismiss")}
        </button>
      </form>
      {error && <span role="alert" className="w-full text-right text-red-700">{error.message}</span>}
    </div>
  );
}
