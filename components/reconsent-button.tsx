"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { reconsentAction, type ReconsentState } from "@/app/(app)/actions";

type Reason = "update_credentials" | "reconnect" | "renew_consent";

/** Sends the user to the bank again for an existing connection (Renew consent, Reconnect, Update Credentials). */
export function ReconsentButton({ connectionId, reason, label }: { connectionId: string; reason: Reason; label: string }) {
  const t = useTranslations("reconsent");
  const [state, action, pending] = useActionState<ReconsentState, FormData>(reconsentAction, { error: null });
  return (
    <form action={action} className="inline">
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="reason" value={reason} />
      <button type="submit" disabled={pending} className="rounded-md bg-amber-600 px-3 py-1 text-sm font-medium text-white hover:bg-amber-700 disabled:opacity-60">
        {pending ? t("openingBank") : label}
      </button>
      {state.error && <span role="alert" className="ml-2 text-sm text-red-700">{state.error}</span>}
    </form>
  );
}
