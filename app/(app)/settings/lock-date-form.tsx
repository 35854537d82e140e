"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { DateField } from "@/components/date-field";
import { formatDate } from "@/lib/dates";
import { saveLockDate, type LockDateFormState } from "./actions";

export function LockDateForm({ lockDate }: { lockDate: string | null }) {
  const t = useTranslations("lockDates");
  const [state, action, pending] = useActionState<LockDateFormState, FormData>(saveLockDate, null);
  const fieldError = state && !state.ok ? state.fieldErrors.lockDate?.[0] : undefined;
  return (
    <form action={action} className="mt-4 space-y-3" noValidate>
      <div>
        <DateField id="lockDate" name="lockDate" label={t("lockEverything")} defaultValue={lockDate ?? ""}
          describedBy="lockDate-hint" serverError={fieldError} />
        <p id="lockDate-hint" className="mt-1 text-xs text-slate-500">
          {t("hint")}
        </p>
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
