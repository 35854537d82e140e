"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { SubscribableEvent } from "@/lib/outgoing-webhooks/events";
import { updateEventsAction, type EndpointActionState } from "./actions";
import { EventCheckboxes } from "./event-checkboxes";

/** Which events one endpoint receives, changed in place. */
export function EndpointEvents({ endpointId, events }: { endpointId: string; events: SubscribableEvent[] }) {
  const t = useTranslations("webhooks");
  const [state, action, pending] = useActionState<EndpointActionState, FormData>(updateEventsAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="endpointId" value={endpointId} />
      <EventCheckboxes idPrefix={`events-${endpointId}`} checked={events} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60">
        {pending ? t("savingEvents") : t("saveEvents")}
      </button>
      {!pending && state && <span role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-green-700" : "text-red-700"}`}>{state.message}</span>}
    </form>
  );
}
