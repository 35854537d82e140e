"use client";

import { useTranslations } from "next-intl";
import { WEBHOOK_EVENT_TYPES, type SubscribableEvent } from "@/lib/outgoing-webhooks/events";

// Catalogue keys of the event descriptions (next-intl keys cannot hold the events' dots).
const DESCRIPTION_KEYS = {
  "transactions.created": "transactionsCreated",
  "connection.needs_attention": "connectionNeedsAttention",
  "sync.failed": "syncFailed",
} as const satisfies Record<SubscribableEvent, string>;

/** The events an endpoint receives, as checkboxes named `events` (the form's server action reads them). */
export function EventCheckboxes({ idPrefix, checked }: { idPrefix: string; checked: readonly SubscribableEvent[] }) {
  const t = useTranslations("webhooks");
  return (
    <fieldset className="mt-3">
      <legend className="text-sm font-medium">{t("eventsLegend")}</legend>
      <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} htmlFor={`${idPrefix}-${type}`} className="flex items-start gap-2 text-sm">
            <input id={`${idPrefix}-${type}`} type="checkbox" name="events" value={type} defaultChecked={checked.includes(type)} className="mt-1" />
            <span><span className="font-mono">{type}</span> <span className="text-slate-500">({t(`eventDescriptions.${DESCRIPTION_KEYS[type]}`)})</span></span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
