"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { connectAgainAction, type ConnectState } from "./actions";

/** Starts a new consent for a refused or abandoned attempt; says why when it cannot. */
export function ConnectAgainButton({ connectionId, institution }: { connectionId: string; institution: string }) {
  const t = useTranslations("connectionAttempts");
  const [state, action, pending] = useActionState<ConnectState, FormData>(connectAgainAction, { error: null });
  return (
    <form action={action}>
      <input type="hidden" name="connectionId" value={connectionId} />
      <button type="submit" disabled={pending} aria-label={t("connectAgainTo", { institution })}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? t("openingBank") : t("connectAgain")}
      </button>
      {state.error && <p role="alert" className="mt-1 text-sm text-red-700">{state.error}</p>}
    </form>
  );
}
