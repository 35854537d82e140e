import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { providerOverview } from "@/lib/institutions/directory-status";
import { formatUtcMinute } from "@/lib/dates";

/**
 * Settings → Providers (admins): which aggregators are configured, and how their bank
 * directory is doing. What to set for an unconfigured one (environment variables) is for
 * the one who runs the server, so only developer mode shows it.
 */
export async function ProvidersSection({ developerMode }: { developerMode: boolean }) {
  const providers = await providerOverview(db, await getLocale());
  const t = await getTranslations("providers");
  return (
    <section className="mt-8 rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="providers-heading">
      <h2 id="providers-heading" className="text-lg font-medium">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <table className="mt-3 w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr><th className="py-2 pr-4">{t("provider")}</th><th className="pr-4">{t("status")}</th><th className="pr-4">{t("banks")}</th><th>{t("lastRefreshed")}</th></tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.name} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-4 font-medium">{p.label}</td>
              <td className="pr-4">
                {p.configured ? (
                  p.lastError ? <span className="text-amber-700">{t("refreshFailed", { error: p.lastError })}</span> : <span className="text-emerald-700">{t("configured")}</span>
                ) : (
                  <span className="text-slate-500">{developerMode ? t("notConfigured", { configuration: p.configuration }) : t("notConfiguredAskAdministrator")}</span>
                )}
              </td>
              <td className="pr-4 tabular-nums">{p.configured ? p.institutionCount : "—"}</td>
              <td>{p.lastRefreshAt ? formatUtcMinute(p.lastRefreshAt) : p.configured ? t("notYet") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
