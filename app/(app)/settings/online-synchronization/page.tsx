import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { requireDeveloperAccess } from "@/lib/auth/developer-access";
import { LiveRunStatus } from "@/components/live-run/live-run-status";
import { NextSyncCell } from "@/components/next-sync";
import { currentSchedule } from "@/lib/background/schedule";
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import { listConnectionAttempts } from "@/lib/connections/attempts";
import { listCompanyConnections } from "@/lib/connections/overview";
import { connectionScheduleFacts } from "@/lib/connections/schedule-facts";
import { SHOWN_STATES } from "@/lib/connections/status";
import { formatUtcMinute } from "@/lib/dates";
import { providerLabel } from "@/lib/providers/catalog";
import { latestRuns } from "@/lib/sync/latest-runs";
import { isRunOpen } from "@/lib/sync/run-state";
import { ConnectionAttempts } from "./connection-attempts";
import { StateBadge } from "./state-badge";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("onlineSync"))("title") };
}

type Search = { state?: string; sort?: string; deleted?: string };

export default async function OnlineSynchronizationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const membership = await requireDeveloperAccess();
  const params = await searchParams;
  const state = SHOWN_STATES.find((s) => s === params.state) ?? null;
  const sort = params.sort === "last_sync_asc" ? "last_sync_asc" : "last_sync_desc";
  const [connections, attempts] = await Promise.all([
    listCompanyConnections(db, membership.companyId, { state, sort }),
    listConnectionAttempts(db, membership.companyId, { state }),
  ]);
  const ids = connections.map((c) => c.id);
  const [facts, runs] = await Promise.all([connectionScheduleFacts(db, membership.companyId, ids), latestRuns(db, membership.companyId, ids, await getLocale())]);
  const running = new Set(runs.filter(isRunOpen).map((run) => run.connectionId));
  const schedule = currentSchedule();
  const t = await getTranslations("onlineSync");
  const stateLabel = await getTranslations("connectionStates");
  const query = (next: Partial<Search>) => {
    const merged = new URLSearchParams();
    const s = "state" in next ? next.state : state;
    if (s) merged.set("state", s);
    const o = next.sort ?? sort;
    if (o !== "last_sync_desc") merged.set("sort", o);
    const text = merged.toString();
    return text ? `?${text}` : "";
  };
  return (
    <div>
      <p className="text-sm"><Link href="/settings" className="text-brand-700 hover:underline">{t("settings")}</Link> ›</p>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("intro", { company: membership.companyName })} <Link href="/settings/online-synchronization/runs" className="text-brand-700 hover:underline">{t("pastSynchronizations")}</Link>
      </p>
      {params.deleted !== undefined && (
        <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t("deleted", { count: params.deleted })}
        </p>
      )}
      <nav aria-label={t("filterByState")} className="mt-6 flex flex-wrap gap-2 text-sm">
        <Link href={`/settings/online-synchronization${query({ state: undefined })}`} aria-current={state === null ? "page" : undefined}
          className={`rounded-full border px-3 py-1 ${state === null ? "border-brand-600 text-brand-700" : "border-slate-200"}`}>{t("all")}</Link>
        {SHOWN_STATES.map((s) => (
          <Link key={s} href={`/settings/online-synchronization${query({ state: s })}`} aria-current={state === s ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${state === s ? "border-brand-600 text-brand-700" : "border-slate-200"}`}>{stateLabel(s)}</Link>
        ))}
      </nav>
      {connections.length === 0 && attempts.length > 0 ? null : connections.length === 0 ? (
        <p className="mt-8 text-sm text-slate-600">
          {state ? t("noneInState") : t("noneConnected")} <Link href="/connect" className="text-brand-700 hover:underline">{t("connectBank")}</Link>
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4">{t("institution")}</th><th className="pr-4">{t("provider")}</th><th className="pr-4">{t("state")}</th>
                <th className="pr-4">{t("automaticSynchronization")}</th>
                <th className="pr-4">
                  <Link href={`/settings/online-synchronization${query({ sort: sort === "last_sync_desc" ? "last_sync_asc" : "last_sync_desc" })}`} className="hover:underline">
                    {t("lastSynchronization")} {sort === "last_sync_desc" ? "↓" : "↑"}
                  </Link>
                </th>
                <th className="pr-4">{t("nextSynchronization")}</th><th className="pr-4">{t("accounts")}</th><th className="pr-4">{t("consentExpires")}</th><th>{t("clientId")}</th>
              </tr>
            </thead>
            <tbody>
              {connections.map((c) => (
                <tr key={c.id} className="border-b border-slate-100">
                  <td className="py-2 pr-4"><Link href={`/settings/online-synchronization/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.institution}</Link></td>
                  <td className="pr-4">{providerLabel(c.provider)}</td>
                  <td className="pr-4"><StateBadge state={c.state} /><LiveRunStatus connectionId={c.id} running={running.has(c.id)} /></td>
                  <td className="pr-4">{c.autoSync ? t("on") : t("off")}</td>
                  <td className="pr-4">{c.lastSyncAt ? formatUtcMinute(c.lastSyncAt) : t("never")}</td>
                  <td className="pr-4"><NextSyncCell schedule={schedule} facts={facts.get(c.id)} /></td>
                  <td className="pr-4">
                    {c.accounts.length === 0 ? t("noAccounts") : (
                      <ul aria-label={t("accountsOf", { institution: c.institution })}>
                        {c.accounts.map((a) => <li key={a.id} className="whitespace-nowrap">{a.name} <span className="text-slate-500">{maskAccountNumber(a.accountNumber)}</span></li>)}
                      </ul>
                    )}
                  </td>
                  <td className="pr-4">{c.consentExpiresAt ? formatUtcMinute(c.consentExpiresAt) : "—"}</td>
                  <td><code className="text-xs">{c.clientId}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConnectionAttempts attempts={attempts} />
    </div>
  );
}
