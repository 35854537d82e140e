import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { listBankAccounts } from "@/lib/bank-accounts/queries";
import { BankAccountCard } from "@/components/bank-account-card";
import { ConsentExpiryBanner } from "@/components/consent-expiry-banner";
import { SyncRunNotice } from "@/components/sync-run-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ run?: string }> }) {
  const membership = await requireMembership();
  const { run } = await searchParams;
  const t = await getTranslations("dashboard");
  const accounts = await listBankAccounts(db, membership.companyId);
  return (
    <div>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {accounts.length > 0 && (
          <Link href="/connect" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("connectBank")}
          </Link>
        )}
      </div>
      <SyncRunNotice companyId={membership.companyId} runId={run} />
      <ConsentExpiryBanner companyId={membership.companyId} />
      {accounts.length === 0 ? (
        <section className="mt-8 rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-medium">{t("emptyTitle")}</h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
            {t("emptyText")}
          </p>
          <div className="mt-6 flex justify-center gap-3">
            <Link href="/connect" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              {t("connectBank")}
            </Link>
            <Link href="/accounts/new" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
              {t("addNewBank")}
            </Link>
          </div>
        </section>
      ) : (
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("bankAccounts")}>
          {accounts.map((account) => (
            <li key={account.id}><BankAccountCard account={account} /></li>
          ))}
        </ul>
      )}
    </div>
  );
}
