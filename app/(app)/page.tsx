import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { currentBalanceGaps } from "@/lib/balance/gaps";
import { listBankAccounts } from "@/lib/bank-accounts/queries";
import { accountSearchText, FILTER_THRESHOLD, groupByConnection } from "@/lib/dashboard/groups";
import { countOfferedInstitutions } from "@/lib/institutions/count";
import { isUuid } from "@/lib/uuid";
import { AccountFilter, Filtered, NoFilterMatch } from "@/components/account-filter";
import { BankAccountCard } from "@/components/bank-account-card";
import { ConnectionCard } from "@/components/connection-card";
import { ConsentExpiryBanner } from "@/components/consent-expiry-banner";
import { SyncRunNotice } from "@/components/sync-run-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

const primary = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700";
const secondary = "rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ run?: string; added?: string }> }) {
  const membership = await requireMembership();
  const { run, added } = await searchParams;
  const t = await getTranslations("dashboard");
  const [accounts, gaps, bankCount] = await Promise.all([
    listBankAccounts(db, membership.companyId),
    currentBalanceGaps(db, membership.companyId),
    countOfferedInstitutions(db),
  ]);
  const { connections, manual } = groupByConnection(accounts);
  // "Add new bank" lands here with the new account's id; only an account of this company is named.
  const addedAccount = added && isUuid(added) ? accounts.find((account) => account.id === added) : undefined;
  const allTexts = accounts.map(accountSearchText);
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex flex-wrap items-center gap-3">
          {bankCount > 0 && (
            <Link href="/connect" className="text-sm font-medium text-brand-700 hover:underline">{t("searchOverBanks", { count: bankCount })}</Link>
          )}
          <Link href="/connect" className={primary}>{t("connectBank")}</Link>
          <Link href="/accounts/new" className={secondary}>{t("addNewBank")}</Link>
        </div>
      </div>
      {addedAccount && (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("added", { name: addedAccount.name })}</p>
      )}
      <SyncRunNotice companyId={membership.companyId} runId={run} />
      <ConsentExpiryBanner companyId={membership.companyId} />
      {accounts.length === 0 ? (
        <section className="mt-8 rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-medium">{t("emptyTitle")}</h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">{t("emptyText")}</p>
          <div className="mt-6 flex justify-center gap-3">
            <Link href="/connect" className={primary}>{t("connectBank")}</Link>
            <Link href="/accounts/new" className={secondary}>{t("addNewBank")}</Link>
          </div>
        </section>
      ) : (
        <AccountFilter enabled={accounts.length > FILTER_THRESHOLD}>
          <NoFilterMatch texts={allTexts} />
          {connections.length > 0 && (
            <ul className="mt-6 grid gap-4 lg:grid-cols-2" aria-label={t("bankConnections")}>
              {connections.map((group) => (
                <Filtered key={group.connectionId} as="li" texts={group.accounts.map(accountSearchText)}>
                  <ConnectionCard group={group} gaps={gaps} />
                </Filtered>
              ))}
            </ul>
          )}
          {manual.length > 0 && (
            <Filtered texts={manual.map(accountSearchText)}>
              <section className="mt-8" aria-labelledby="manual-accounts">
                <h2 id="manual-accounts" className="text-lg font-medium">{t("manualAccounts")}</h2>
                <p className="text-sm text-slate-600">{t("manualAccountsText")}</p>
                <ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                  {manual.map((account) => (
                    <Filtered key={account.id} as="li" texts={[accountSearchText(account)]}>
                      <BankAccountCard account={account} gap={gaps.get(account.id)} />
                    </Filtered>
                  ))}
                </ul>
              </section>
            </Filtered>
          )}
        </AccountFilter>
      )}
    </div>
  );
}
