import type { Metadata } from "next";
import Link from "next/link";
import { requireMembership } from "@/lib/auth/membership";
import { ApiKeysSection } from "./api-keys/section";
import { BackgroundSection } from "./background-section";
import { LockDatesSection } from "./lock-dates-section";
import { ProvidersSection } from "./providers-section";
import { WebhooksSection } from "./webhooks/section";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const membership = await requireMembership();
  return (
    <div>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <p className="mt-2 text-sm text-slate-600">{membership.companyName}</p>
      <LockDatesSection membership={membership} />
      <BackgroundSection companyId={membership.companyId} />
      {membership.role === "admin" && <ProvidersSection />}
      {membership.role === "admin" && <ApiKeysSection companyId={membership.companyId} />}
      {membership.role === "admin" && <WebhooksSection companyId={membership.companyId} />}
      {membership.role === "admin" && (
        <section aria-labelledby="online-sync-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="online-sync-heading" className="text-lg font-semibold">Online Synchronization</h2>
          {membership.developerMode ? (
            <p className="mt-2 text-sm"><Link href="/settings/online-synchronization" className="font-medium text-brand-700 hover:underline">Open Online Synchronization</Link>: every connection&apos;s log, its synchronizations, Update Credentials, Reconnect and Delete.</p>
          ) : (
            <p className="mt-2 text-sm text-slate-600">Turn on developer mode in the user menu (&quot;Activate developer mode&quot;) to troubleshoot connections.</p>
          )}
        </section>
      )}
    </div>
  );
}
