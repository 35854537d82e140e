import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { LimitedHistoryNotice } from "@/components/limited-history-notice";
import { ReconsentButton } from "@/components/reconsent-button";
import { StartingDateForm } from "@/components/starting-date-form";
import { requireMembership } from "@/lib/auth/membership";
import { getBankAccount } from "@/lib/bank-accounts/queries";
import { formatDate, isIsoDate, toIsoDate } from "@/lib/dates";
import { accountBankHistory, searchableFrom } from "@/lib/institutions/limited-history";
import { splitMissingAndDeleted } from "@/lib/missing/deleted";
import { renderStoredMessage } from "@/lib/i18n/stored-message";
import type { Locale } from "@/lib/i18n/locales";
import { findMissingTransactions, type MissingRefusal } from "@/lib/missing/find";
import { loadEditableAccount } from "@/lib/transactions/editable-account";
import { resolveStartingDate } from "@/lib/transactions/starting-date";
import { DeletedEarlier } from "./deleted-earlier";
import { MissingList } from "./missing-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("missing"))("title") };
}

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function FindMissingPage({ params, searchParams }: Props) {
  const membership = await requireMembership();
  const { id } = await params;
  const [account, editable] = await Promise.all([getBankAccount(db, membership.companyId, id), loadEditableAccount(db, membership.companyId, id)]);
  if (!account || !editable) notFound();
  const { from } = await searchParams;
  const requested = typeof from === "string" ? from : null;
  const base = `/accounts/${account.id}`;
  const t = await getTranslations("missing");
  const locale = await getLocale();
  const connected = account.connectionId !== null && account.syncEnabled;
  const active = connected && account.connectionState === "active";
  // The bank is asked only when the user searches: a page view must not spend a bank's daily refresh.
  const search = active && requested ? await findMissingTransactions({ db }, membership, { bankAccountId: account.id, startingDate: requested }) : null;
  const starting = search?.ok
    ? { date: search.startingDate, movedByLockDate: search.movedByLockDate }
    : resolveStartingDate({ requested, today: toIsoDate(new Date()), lockDate: editable.lockDate });
  const reconnectId = search && !search.ok && search.reason === "inactive" ? search.connectionId : connected && !active ? account.connectionId : null;
  // Deleted lines come from our own record of deletions, so they are listed (and restorable) with
  // or without the bank. Since the date the user asked for, even before the lock date: those are
  // shown, and say why they cannot be restored. A deleted line the bank reports again is listed once.
  const deletedSince = requested && isIsoDate(requested) ? requested : starting.date;
  // A Starting Date older than the bank's history: the bank answered for its last days only, and says nothing older is missing.
  const history = search?.ok ? await accountBankHistory(db, membership.companyId, account.id) : null;
  const searchedFrom = search?.ok && history ? searchableFrom({ startingDate: search.startingDate, today: toIsoDate(new Date()), historyDays: history.historyDays }) : null;
  const { missing, deleted } = await splitMissingAndDeleted(db, membership, { bankAccountId: account.id, deletedSince, posted: search?.ok ? search.posted : [] });

  return (
    <div>
      <Link href={base} className="text-sm text-slate-600 hover:text-brand-700">← {account.name}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        {t("intro", { account: account.name })}
      </p>

      {!connected ? (
        <section role="status" className="mt-6 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          <p>
            {t("notSynchronized")}
          </p>
          <div className="mt-3 flex gap-3">
            <Link href="/connect" className="inline-block rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">{t("connectBank")}</Link>
            <Link href={`${base}/import`} className="inline-block rounded-md border border-amber-300 px-3 py-1.5 font-medium text-amber-900 hover:bg-amber-100">{t("importFile")}</Link>
          </div>
        </section>
      ) : reconnectId ? (
        <section role="status" className="mt-6 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          <p>{search && !search.ok ? refusalText(search, locale) : t("mustBeActive")}</p>
          <p className="mt-1">{t("canStillRestore")}</p>
          <div className="mt-3"><ReconsentButton connectionId={reconnectId} reason="reconnect" label={t("reconnect")} /></div>
        </section>
      ) : null}

      <StartingDateForm action={`${base}/missing`} date={starting.date} lockDate={editable.lockDate} movedByLockDate={starting.movedByLockDate}
        submitLabel={active ? t("search") : t("showDeleted")} />
      {history && searchedFrom && (
        <LimitedHistoryNotice kind="search" institution={history.institution} historyDays={history.historyDays} from={searchedFrom} accounts={[{ id: account.id, name: account.name }]} />
      )}
      {active && (
        !search ? (
          <p className="mt-6 text-sm text-slate-600">{t("chooseDate")}</p>
        ) : !search.ok ? (
          <p role="alert" className="mt-6 rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-800">
            {refusalText(search, locale)}
            {search.errorReference && <span className="block text-xs text-red-700">{t("reference", { reference: search.errorReference })}</span>}
          </p>
        ) : missing.length + search.pending.length === 0 ? (
          <section className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
            <h2 className="text-lg font-medium">{t("emptyTitle")}</h2>
            <p className="mt-2 text-sm text-slate-600">
              {missing.length < search.posted.length
                ? t("allHereOrDeleted", { count: search.checked, date: formatDate(search.startingDate, locale) })
                : t("allHere", { count: search.checked, date: formatDate(search.startingDate, locale) })}
            </p>
          </section>
        ) : (
          <MissingList bankAccountId={account.id} startingDate={search.startingDate} missing={missing} pending={search.pending} />
        )
      )}
      <DeletedEarlier bankAccountId={account.id} since={deletedSince} lines={deleted} />
    </div>
  );
}

/** A refusal in the reader's language; a provider's own words stay as it wrote them, inside a translated sentence. */
function refusalText(refusal: MissingRefusal, locale: Locale): string {
  return renderStoredMessage(refusal.text, locale);
}
