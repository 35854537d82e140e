"use client";

import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatDate } from "@/lib/dates";
import { saveLockDate, type LockDateFormState } from "./actions";

export function LockDateForm({ lockDate }: { lockDate: string | null }) {
  const t = useTranslations("lockDates");
  const [state, action, pending] = useActionState<LockDateFormState, FormData>(saveLockDate, null);
  // Controlled, so the typed date stays in the field after a refused save.
  const [value, setValue] = useState(lockDate ?? "");
  const fieldError = state && !state.ok ? state.fieldErrors.lockDate?.[0] : undefined;
  return (
    <form action={action} className="mt-4 space-y-3" noValidate>
      <div>
        <label htmlFor="lockDate" className="block text-sm font-medium">{t("lockEverything")}</label>
        <input id="lockDate" name="lockDate" type="date" value={value} onChange={(event) => setValue(event.target.value)}
          aria-invalid={fieldError ? true : undefined} aria-describedby="lockDate-hint"
          className="mt-1 rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none aria-invalid:border-red-500" />
        <p id="lockDate-hint" className="mt-1 text-xs text-slate-500">
          {t("hint")}
        </p>
        {fieldError && <p className="mt-1 text-sm text-red-600">{fieldError}</p>}
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? t("saving") : t("save")}
        </button>
        <Outcome state={state} pending={pending} />
      </div>
    </form>
  );
}

function Outcome({ state, pending }: { state: LockDateFormState; pending: boolean }) {
  const t = useTranslations("lockDates");
  const locale = useLocale();
  if (pending || !state) return null;
  if (!state.ok) return <p role="alert" className="text-sm text-red-700">{state.error}</p>;
  return (
    <p role="status" className="text-sm text-green-700">
      {state.lockDate ? t("savedLocked", { date: formatDate(state.lockDate, locale) }) : t("savedNone")}
    </p>
  );
}
