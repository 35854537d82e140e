"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { removeEndpointAction, sendTestEventAction, type EndpointActionState } from "./actions";

export function EndpointButtons({ endpointId }: { endpointId: string }) {
  const t = useTranslations("webhooks");
  const [test, testAction, testing] = useActionState<EndpointActionState, FormData>(sendTestEventAction, null);
  const [removal, removeAction, removing] = useActionState<EndpointActionState, FormData>(removeEndpointAction, null);
  const outcome = testing ? null : test ?? removal;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={testAction}>
        <input type="hidden" name="endpointId" value={endpointId} />
        <button type="submit" disabled={testing} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60">
          {testing ? t("sending") : t("sendTest")}
        </button>
      </form>
      <form action={removeAction}>
        <input type="hidden" name="endpointId" value={endpointId} />
        <button type="submit" disabled={removing} className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60">
          {removing ? t("removing") : t("remove")}
        </button>
      </form>
      {outcome && <span role={outcome.ok ? "status" : "alert"} className={`text-sm ${outcome.ok ? "text-green-700" : "text-red-700"}`}>{outcome.message}</span>}
    </div>
  );
}
