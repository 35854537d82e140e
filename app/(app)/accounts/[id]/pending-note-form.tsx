"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { SelectionActionState } from "@/lib/transactions/selection-schema";
import { savePendingNoteAction } from "./actions";

const idle: SelectionActionState = { status: "idle", message: null };

/** A pending line's note and partner: shown when set, edited in a small inline form. */
export function PendingNoteForm({ bankAccountId, pendingId, label, note, partnerName }: {
  bankAccountId: string;
  pendingId: number;
  /** Names the line for screen readers ("2026-11-25 Card payment …"). */
  label: string;
  note: string | null;
  partnerName: string | null;
}) {
  const t = useTranslations("pending");
  const [editing, setEditing] = useState(false);
  const [state, save, saving] = useActionState(async (previous: SelectionActionState, formData: FormData) => {
    const next = await savePendingNoteAction(previous, formData);
    if (next.status === "done") setEditing(false);
    return next;
  }, idle);
  const hasNote = Boolean(note || partnerName);

  if (!editing) {
    return (
      <div className="flex flex-wrap items-center justify-end gap-2 text-xs">
        {note && <span className="text-slate-700">{t("note", { note })}</span>}
        {partnerName && <span className="text-slate-700">{t("partner", { partner: partnerName })}</span>}
        <button type="button" onClick={() => setEditing(true)} aria-label={hasNote ? t("editNoteFor", { line: label }) : t("addNoteFor", { line: label })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium text-slate-700 hover:bg-slate-50">
          {hasNote ? t("editNote") : t("addNote")}
        </button>
        {state.message && (
          <span role={state.status === "error" ? "alert" : "status"} className={state.status === "error" ? "text-red-700" : "text-green-700"}>{state.message}</span>
        )}
      </div>
    );
  }

  return (
    <form action={save} aria-label={t("noteFor", { line: label })} className="flex flex-wrap items-end justify-end gap-2 text-xs">
      <input type="hidden" name="bankAccountId" value={bankAccountId} />
      <input type="hidden" name="pendingId" value={String(pendingId)} />
      <label className="block">
        <span className="block font-medium text-slate-700">{t("noteLabel")}</span>
        <input name="note" defaultValue={note ?? ""} maxLength={2000} autoFocus className="mt-1 w-48 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900" />
      </label>
      <label className="block">
        <span className="block font-medium text-slate-700">{t("partnerLabel")}</span>
        <input name="partnerName" defaultValue={partnerName ?? ""} maxLength={200} className="mt-1 w-40 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900" />
      </label>
      <button type="submit" disabled={saving} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {saving ? t("saving") : t("save")}
      </button>
      <button type="button" onClick={() => setEditing(false)} className="py-1.5 text-slate-600 hover:text-brand-700">{t("cancel")}</button>
      {state.status === "error" && <span role="alert" className="w-full text-right text-red-700">{state.message}</span>}
    </form>
  );
}
