import { db } from "@/db/client";
import { formatUtcMinute } from "@/lib/dates";
import { allowPrivateAddresses } from "@/lib/outgoing-webhooks/address-policy";
import { listWebhookEndpoints } from "@/lib/outgoing-webhooks/endpoints";
import { SIGNATURE_HEADER } from "@/lib/outgoing-webhooks/signature";
import { EndpointButtons } from "./endpoint-buttons";
import { RegisterEndpointForm } from "./register-form";

/** Settings → Webhooks (admins): endpoints that hear about new transactions and connection trouble, with their delivery log. */
export async function WebhooksSection({ companyId }: { companyId: string }) {
  const endpoints = await listWebhookEndpoints(db, companyId);
  return (
    <section aria-labelledby="webhooks-heading" className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="webhooks-heading" className="text-lg font-medium">Webhooks</h2>
      <p className="mt-1 text-sm text-slate-600">
        We POST <code>transactions.created</code>, <code>connection.needs_attention</code> and <code>sync.failed</code> as JSON, signed in
        the <code>{SIGNATURE_HEADER}</code> header (<code>t=&lt;unix time&gt;,v1=&lt;HMAC-SHA256 of &quot;t.body&quot;&gt;</code>). Failed deliveries are retried for about 7 hours.
        {allowPrivateAddresses() ? " This server allows private and loopback addresses." : " Only public addresses are allowed."}
      </p>
      <RegisterEndpointForm />
      {endpoints.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No webhook endpoints yet.</p>
      ) : endpoints.map((endpoint) => (
        <div key={endpoint.id} className="mt-4 rounded-lg border border-slate-200 p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="break-all font-mono text-sm">{endpoint.url}</p>
            <EndpointButtons endpointId={endpoint.id} />
          </div>
          {endpoint.deliveries.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">Nothing delivered yet.</p>
          ) : (
            <table className="mt-2 w-full text-left text-sm" aria-label={`Deliveries to ${endpoint.url}`}>
              <thead className="text-slate-500"><tr><th>Queued</th><th>Event</th><th>Status</th><th>Attempts</th><th>Last answer</th></tr></thead>
              <tbody>
                {endpoint.deliveries.map((delivery) => (
                  <tr key={delivery.id} className="border-t border-slate-100">
                    <td className="py-1">{formatUtcMinute(delivery.createdAt)}</td>
                    <td className="font-mono">{delivery.eventType}</td>
                    <td>{delivery.status === "pending" && delivery.attempts > 0 ? `retry at ${formatUtcMinute(delivery.nextAttemptAt)}` : delivery.status}</td>
                    <td>{delivery.attempts}</td>
                    <td>{delivery.lastError ?? (delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : "—")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}
