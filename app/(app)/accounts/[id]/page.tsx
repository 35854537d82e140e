import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { FetchTransactionsButton } from "@/components/fetch-transactions-button";
import { requireMembership } from "@/lib/auth/membership";
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import { getBankAccount } from "@/lib/bank-accounts/queries";
import { getLockDate } from "@/lib/companies/lock-date";
import { statementBalanceKnown } from "@/lib/export/period";
import { isUuid } from "@/lib/uuid";
import { LiveRunStatus } from "@/components/live-run/live-run-status";
import { formatMoney } from "@/lib/money";
import { pendingOrigins } from "@/lib/pending/queries";
import { listCounterpartCategories } from "@/lib/reconcile/categories";
import { listTransactions } from "@/lib/transactions/list";
import { isFiltered, parsePageCursor, parseTransactionFilter, transactionsQuery } from "@/lib/transactions/query-params";
import { DateField } from "@/components/date-field";
import { AccountToolsMenu } from "./account-tools-menu";
import { BalanceHistory } from "./balance-history";
import { PendingLines } from "./pending-lines";
import { TransactionsTable } from "./transactions-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function AccountTransactionsPage({ params, searchParams }: Props) {
  const membership = await requireMembership();
  const t = await getTranslations("account");
  const tExport = await getTranslations("statementExport");
  const locale = await getLocale();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const query = await searchParams;
  const filter = parseTransactionFilter(query);
  const cursor = parsePageCursor(query);
  // Read side by side, not one after the other: the page query is scoped to the company
  // itself, so it returns nothing for another company's account, which is a 404 anyway.
  const [account, page, categories, lockDate, balanceKnown] = await Promise.all([
    getBankAccount(db, membership.companyId, id),
    listTransactions(db, { companyId: membership.companyId, bankAccountId: id }, { filter, cursor }),
    listCounterpartCategories(db, membership.companyId),
    getLockDate(db, membership.companyId),
    statementBalanceKnown(db, { companyId: membership.companyId, bankAccountId: id }),
  ]);
  if (!account) notFound();
  // Posted lines that were pending first say so ("Posted on …, was pending since …").
  const origins = await pendingOrigins(db, { companyId: membership.companyId, bankAccountId: account.id }, page.rows.map((row) => row.id));
  const basePath = `/accounts/${account.id}`;
  const narrowed = isFiltered(filter) || cursor !== null;
  const fetchable = account.connectionId !== null && account.syncEnabled && account.connectionState !== "error";

  return (
    <div>
      <Link href="/" className="text-sm text-slate-600 hover:text-brand-700">← {t("dashboard")}</Link>
      <header className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{account.name}</h1>
          <p className="text-sm text-slate-500">
            {account.institutionName ?? account.bankName ?? t("manualAccount")} · {maskAccountNumber(account.accountNumber)}
            {!account.connectionId && <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{t("notSynchronized")}</span>}
            <Link href={`${basePath}/edit`} className="ml-2 text-xs text-slate-600 hover:text-brand-700">{t("editAccount")}</Link>
          </p>
          {/* With a Fetch button below, the button itself follows the running sync. */}
          {account.connectionId && !fetchable && <LiveRunStatus connectionId={account.connectionId} running={account.lastRunStatus === "running"} />}
        </div>
        <div className="flex items-start gap-4">
          <div className="text-right">
            <p className="text-xs uppercase tracking-wide text-slate-500">{t("balance")}</p>
            <p className="text-2xl font-semibold tabular-nums">
              {account.balance !== null ? formatMoney(account.balance, account.currency, locale) : "—"}
            </p>
          </div>
          <AccountToolsMenu bankAccountId={account.id} />
        </div>
      </header>
      {/* Always in this place, empty page or not: its answer stays on screen when the lines it brought replace the empty state. */}
      {fetchable && account.connectionId && (
        <FetchTransactionsButton bankAccountId={account.id} connectionId={account.connectionId} waitingForCode={account.lastRunStatus === "waiting_mfa"} running={account.lastRunStatus === "running"} />
      )}

      <Form action={basePath} className="mt-6 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
        <DateField id="from" name="from" label={t("from")} defaultValue={filter.from ?? ""} hintHidden />
        <DateField id="to" name="to" label={t("to")} defaultValue={filter.to ?? ""} hintHidden />
        <div className="min-w-48 flex-1">
          <label htmlFor="q" className="block text-sm font-medium">{t("search")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.text ?? ""} placeholder={t("searchPlaceholder")}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5" />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">{t("filter")}</button>
        {isFiltered(filter) && <Link href={basePath} className="py-2 text-sm text-slate-600 hover:text-brand-700">{t("clearFilters")}</Link>}
        <a href={`${basePath}/export${transactionsQuery(filter)}`} download
          className="ml-auto rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          {t("exportCsv")}
        </a>
        {/* The filter's period; without one, from the first line to today. */}
        {balanceKnown ? (
          <a href={`${basePath}/export/statement${statementQuery("camt053", filter)}`} download
            className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
            {t("exportCamt")}
          </a>
        ) : (
          <span aria-disabled="true" aria-describedby="camt-balance-unknown"
            className="cursor-not-allowed rounded-md border border-slate-200 px-4 py-2 text-sm font-medium text-slate-400">
            {t("exportCamt")}
          </span>
        )}
        <a href={`${basePath}/export/statement${statementQuery("ofx", filter)}`} download
          className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          {t("exportOfx")}
        </a>
        {!balanceKnown && <p id="camt-balance-unknown" className="basis-full text-sm text-slate-500">{tExport("balanceUnknown")}</p>}
      </Form>

      <PendingLines companyId={membership.companyId} bankAccountId={account.id} />

      {page.rows.length > 0 ? (
        <>
          {/* Keyed by the page asked for (filter and cursor), not by its lines: moving to another page
              clears the selection, while a deletion on this page keeps its answer on screen. */}
          <TransactionsTable key={transactionsQuery(filter, cursor ?? undefined)} bankAccountId={account.id} rows={page.rows} categories={categories}
            lockDate={lockDate} origins={origins} />
          <nav aria-label={t("pages")} className="mt-4 flex justify-between text-sm">
            {page.newer ? (
              <Link href={`${basePath}${transactionsQuery(filter, { direction: "newer", key: page.newer })}`} className="text-brand-700 hover:underline">← {t("newer")}</Link>
            ) : <span />}
            {page.older && (
              <Link href={`${basePath}${transactionsQuery(filter, { direction: "older", key: page.older })}`} className="text-brand-700 hover:underline">{t("older")} →</Link>
            )}
          </nav>
        </>
      ) : narrowed ? (
        <section className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-medium">{t("noMatchTitle")}</h2>
          <p className="mt-2 text-sm text-slate-600">{t("noMatchText")}</p>
          <Link href={basePath} className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">{t("clearFilters")}</Link>
        </section>
      ) : (
        <section className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-medium">{t("emptyTitle")}</h2>
          {account.connectionId ? (
            <>
              <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
                {fetchable ? t("emptySynchronized") : t("emptyNotFetchable")}
              </p>
              {!fetchable && (
                <Link href={`${basePath}/import`} className="mt-4 inline-block rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
                  {t("importFile")}
                </Link>
              )}
            </>
          ) : (
            <>
              <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
                {t("emptyManual")}
              </p>
              <Link href="/connect" className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                {t("connectBank")}
              </Link>
              <Link href={`${basePath}/import`} className="ml-3 mt-4 inline-block rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
                {t("importFile")}
              </Link>
            </>
          )}
        </section>
      )}
      <BalanceHistory companyId={membership.companyId} bankAccountId={account.id} currency={account.currency} synchronized={account.connectionId !== null} />
    </div>
  );
}

function statementQuery(format: "camt053" | "ofx", filter: { from: string | null; to: string | null }): string {
  const query = new URLSearchParams({ format });
  if (filter.from) query.set("from", filter.from);
  if (filter.to) query.set("to", filter.to);
  return `?${query}`;
}
