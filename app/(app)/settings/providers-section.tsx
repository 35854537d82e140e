import { db } from "@/db/client";
import { providerOverview } from "@/lib/institutions/directory-status";
import { formatUtcMinute } from "@/lib/dates";

/** Settings → Providers (admins): which aggregators are configured, and how their bank directory is doing. */
export async function ProvidersSection() {
  const providers = await providerOverview(db);
  return (
    <section className="mt-8 rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="providers-heading">
      <h2 id="providers-heading" className="text-lg font-medium">Providers</h2>
      <p className="mt-1 text-sm text-slate-600">Aggregators that connect banks. A provider without configuration is not offered; its banks stay out of the search.</p>
      <table className="mt-3 w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr><th className="py-2 pr-4">Provider</th><th className="pr-4">Status</th><th className="pr-4">Banks</th><th>Directory last refreshed</th></tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.name} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-4 font-medium">{p.label}</td>
              <td className="pr-4">
                {p.configured ? (
                  p.lastError ? <span className="text-amber-700">Configured; last refresh failed: {p.lastError}</span> : <span className="text-emerald-700">Configured</span>
                ) : (
                  <span className="text-slate-500">Not configured. {p.configuration}</span>
                )}
              </td>
              <td className="pr-4 tabular-nums">{p.configured ? p.institutionCount : "—"}</td>
              <td>{p.lastRefreshAt ? formatUtcMinute(p.lastRefreshAt) : p.configured ? "Not yet (refreshed on the first search and daily)" : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
