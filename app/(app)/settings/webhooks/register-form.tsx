"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { WEBHOOK_EVENT_TYPES } from "@/lib/outgoing-webhooks/events";
import { registerEndpointAction, type RegisterEndpointState } from "./actions";
import { EventCheckboxes } from "./event-checkboxes";

export function RegisterEndpointForm() {
  const t = useTranslations("webhooks");
  const [state, action, pending] = useActionState<RegisterEndpointState, FormData>(registerEndpointAction, null);
  return (
    <div className="mt-4">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="basis-full"><EventCheckboxes idPrefix="new-endpoint" checked={WEBHOOK_EVENT_TYPES} /></div>
        <div className="min-w-72 flex-1">
          <label htmlFor="webhook-url" className="block text-sm font-medium">{t("endpointUrl")}</label>
          <input id="webhook-url" name="url" type="url" placeholder="https://ledger.example.com/hooks/bank"
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        <button type="submit" disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? t("adding") : t("add")}
        </button>
      </form>
      {!pending && state?.ok && (
        <div role="status" className="mt-3 rounded-md border border-green-300 bg-green-50 p-3 text-sm">
          <p className="font-medium">{t("secretOnce")}</p>
          <code className="mt-1 block break-all font-mono">{state.secret}</code>
        </div>
      )}
      {!pending && state && !state.ok && <p role="alert" className="mt-2 text-sm text-red-700">{state.error}</p>}
    </div>
  );
}
