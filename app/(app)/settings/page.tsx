import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireMembership } from "@/lib/auth/membership";
import { hasDeveloperAccess } from "@/lib/developer-mode/toggle";
import { ApiKeysSection } from "./api-keys/section";
import { BackgroundSection } from "./background-section";
import { LockDatesSection } from "./lock-dates-section";
import { ProvidersSection } from "./providers-section";
import { WebhooksSection } from "./webhooks/section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function SettingsPage() {
  const membership = await requireMembership();
  const t = await getTranslations("settings");
  // Configuration hints (environment variable names) are for an admin in developer mode.
  const developerMode = hasDeveloperAccess(membership);
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{membership.companyName}</p>
      <LockDatesSection membership={membership} />
      <BackgroundSection companyId={membership.companyId} developerMode={developerMode} />
      {membership.role === "admin" && <ProvidersSection developerMode={developerMode} />}
      {membership.role === "admin" && <ApiKeysSection companyId={membership.companyId} />}
      {membership.role === "admin" && <WebhooksSection companyId={membership.companyId} />}
      {membership.role === "admin" && (
        <section aria-labelledby="online-sync-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="online-sync-heading" className="text-lg font-semibold">{t("onlineSynchronization")}</h2>
          {membership.developerMode ? (
            <p className="mt-2 text-sm">{t.rich("openOnlineSynchronization", { link: (chunks) => <Link href="/settings/online-synchronization" className="font-medium text-brand-700 hover:underline">{chunks}</Link> })}</p>
          ) : (
            <p className="mt-2 text-sm text-slate-600">{t("turnOnDeveloperMode")}</p>
          )}
        </section>
      )}
    </div>
  );
}
