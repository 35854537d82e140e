import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/db/client";
import { requireDeveloperAccess } from "@/lib/auth/developer-access";
import { schedulerTimes } from "@/lib/background/start";
import { listCompanyConnections } from "@/lib/connections/overview";
import { SHOWN_STATES } from "@/lib/connections/status";
import { formatUtcMinute } from "@/lib/dates";
import { STATE_LABELS, StateBadge } from "./state-badge";

export const metadata: Metadata = { title: "Online Synchronization" };

type Search = { state?: string; sort?: string; deleted?: string };

export default async function OnlineSynchronizationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const membership = await requireDeveloperAccess();
  const params = await searchParams;
  const state = SHOWN_STATES.find((s) => s === params.state) ?? null;
  const sort = params.sort === "last_sync_asc" ? "last_sync_asc" : "last_sync_desc";
  const connections = await listCompanyConnections(db, membership.companyId, { state, sort });
  const nextPass = schedulerTimes().nextPassAt;
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
      <p className="text-sm"><Link href="/settings" className="text-brand-700 hover:underline">Settings</Link> ›</p>
      <h1 className="text-2xl font-semibold">Online Synchronization</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every bank connection of {membership.companyName}. <Link href="/settings/online-synchronization/runs" className="text-brand-700 hover:underline">Past synchronizations</Link>
      </p>
      {params.deleted !== undefined && (
        <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          The connection was deleted. Its {params.deleted} bank account(s) and all their transactions are kept as accounts that are no longer synchronized.
        </p>
      )}
      <nav aria-label="Filter by state" className="mt-6 flex flex-wrap gap-2 text-sm">
        <Link href={`/settings/online-synchronization${query({ state: undefined })}`} aria-current={state === null ? "page" : undefined}
          className={`rounded-full border px-3 py-1 ${state === null ? "border-brand-600 text-brand-700" : "border-slate-200"}`}>All</Link>
        {SHOWN_STATES.map((s) => (
          <Link key={s} href={`/settings/online-synchronization${query({ state: s })}`} aria-current={state === s ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${state === s ? "border-brand-600 text-brand-700" : "border-slate-200"}`}>{STATE_LABELS[s]}</Link>
        ))}
      </nav>
      {connections.length === 0 ? (
        <p className="mt-8 text-sm text-slate-600">
          {state ? "No connection is in this state." : "No bank is connected yet."} <Link href="/connect" className="text-brand-700 hover:underline">Connect bank</Link>
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4">Institution</th><th className="pr-4">Provider</th><th className="pr-4">State</th>
                <th className="pr-4">Automatic synchronization</th>
                <th className="pr-4">
                  <Link href={`/settings/online-synchronization${query({ sort: sort === "last_sync_desc" ? "last_sync_asc" : "last_sync_desc" })}`} className="hover:underline">
                    Last synchronization {sort === "last_sync_desc" ? "↓" : "↑"}
                  </Link>
                </th>
                <th className="pr-4">Next synchronization</th><th className="pr-4">Accounts</th><th className="pr-4">Consent expires</th><th>Client id</th>
              </tr>
            </thead>
            <tbody>
              {connections.map((c) => (
                <tr key={c.id} className="border-b border-slate-100">
                  <td className="py-2 pr-4"><Link href={`/settings/online-synchronization/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.institution}</Link></td>
                  <td className="pr-4">{c.provider}</td>
                  <td className="pr-4"><StateBadge state={c.state} /></td>
                  <td className="pr-4">{c.autoSync ? "On" : "Off"}</td>
                  <td className="pr-4">{c.lastSyncAt ? formatUtcMinute(c.lastSyncAt) : "Never"}</td>
                  <td className="pr-4">{!c.autoSync ? "Only when fetched" : c.state !== "active" ? "After it is fixed" : nextPass ? formatUtcMinute(nextPass) : "Within twelve hours"}</td>
                  <td className="pr-4">{c.accounts}</td>
                  <td className="pr-4">{c.consentExpiresAt ? formatUtcMinute(c.consentExpiresAt) : "—"}</td>
                  <td><code className="text-xs">{c.clientId}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
