"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { claimSetupTokenAction, type SetupTokenState } from "./actions";

export function SetupTokenForm({ state }: { state: string }) {
  const t = useTranslations("simplefin");
  const [result, action, pending] = useActionState<SetupTokenState, FormData>(claimSetupTokenAction, { error: null });
  return (
    <form action={action} className="mt-6 space-y-3">
      <input type="hidden" name="state" value={state} />
      <label htmlFor="setupToken" className="block text-sm font-medium">{t("setupToken")}</label>
      <textarea id="setupToken" name="setupToken" required rows={4} autoComplete="off" spellCheck={false}
        className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" />
      {result.error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{result.error}</p>}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
        {pending ? t("connecting") : t("connect")}
      </button>
    </form>
  );
}
