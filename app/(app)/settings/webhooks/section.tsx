import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { formatUtcMinute } from "@/lib/dates";
import { showStored } from "@/lib/i18n/stored-message";
import { allowPrivateAddresses } from "@/lib/outgoing-webhooks/address-policy";
import { listWebhookEndpoints } from "@/lib/outgoing-webhooks/endpoints";
import { SIGNATURE_HEADER } from "@/lib/outgoing-webhooks/signature";
import { EndpointButtons } from "./endpoint-buttons";
import { EndpointEvents } from "./endpoint-events";
import { RegisterEndpointForm } from "./register-form";

// How a receiver checks the signature: code, the same in every language.
const SIGNATURE_FORMAT = 't=<unix time>,v1=<HMAC-SHA256 of "t.body">';

const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

function isDeliveryStatus(status: string): status is (typeof DELIVERY_STATUSES)[number] {
  return (DELIVERY_STATUSES as readonly string[]).includes(status);
}

/** Settings → Webhooks (admins): endpoints that hear about new transactions and connection trouble, with their delivery log. */
export async function WebhooksSection({ companyId }: { companyId: string }) {
  const endpoints = await listWebhookEndpoints(db, companyId);
  const t = await getTranslations("webhooks");
  const locale = await getLocale();
  return (
    <section aria-labelledby="webhooks-heading" className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="webhooks-heading" className="text-lg font-medium">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {t.rich("intro", { header: SIGNATURE_HEADER, format: SIGNATURE_FORMAT, code: (chunks) => <code>{chunks}</code> })}
        {allowPrivateAddresses() ? t("privateAllowed") : t("publicOnly")}
      </p>
      <RegisterEndpointForm />
      {endpoints.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">{t("none")}</p>
      ) : endpoints.map((endpoint) => (
        <article key={endpoint.id} aria-labelledby={`endpoint-${endpoint.id}`} className="mt-4 rounded-lg border border-slate-200 p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p id={`endpoint-${endpoint.id}`} className="break-all font-mono text-sm">{endpoint.url}</p>
            <EndpointButtons endpointId={endpoint.id} />
          </div>
          <EndpointEvents endpointId={endpoint.id} events={endpoint.events} />
          {endpoint.deliveries.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">{t("nothingDelivered")}</p>
          ) : (
            <table className="mt-2 w-full text-left text-sm" aria-label={t("deliveriesTo", { url: endpoint.url })}>
              <thead className="text-slate-500"><tr><th>{t("queued")}</th><th>{t("event")}</th><th>{t("status")}</th><th>{t("attempts")}</th><th>{t("lastAnswer")}</th></tr></thead>
              <tbody>
                {endpoint.deliveries.map((delivery) => (
                  <tr key={delivery.id} className="border-t border-slate-100">
                    <td className="py-1">{formatUtcMinute(delivery.createdAt)}</td>
                    <td className="font-mono">{delivery.eventType}</td>
                    <td>{delivery.status === "pending" && delivery.attempts > 0 ? t("retryAt", { at: formatUtcMinute(delivery.nextAttemptAt) }) : isDeliveryStatus(delivery.status) ? t(`deliveryStatuses.${delivery.status}`) : delivery.status}</td>
                    <td>{delivery.attempts}</td>
                    <td>{showStored({ text: delivery.lastError, key: delivery.lastErrorKey, params: delivery.lastErrorParams }, locale) ?? (delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : "—")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </section>
  );
}
