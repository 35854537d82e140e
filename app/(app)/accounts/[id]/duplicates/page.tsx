import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { StartingDateForm } from "@/components/starting-date-form";
import { requireMembership } from "@/lib/auth/membership";
import { hasDeveloperAccess } from "@/lib/developer-mode/toggle";
import { formatDate, toIsoDate } from "@/lib/dates";
import { findDuplicateGroups, MAX_LINES } from "@/lib/duplicates/find";
import { loadEditableAccount } from "@/lib/transactions/editable-account";
import { resolveStartingDate } from "@/lib/transactions/starting-date";
import { DuplicateGroups } from "./duplicate-groups";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("duplicates"))("title") };
}

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function FindDuplicatesPage({ params, searchParams }: Props) {
  const membership = await requireMembership();
  const { id } = await params;
  const account = await loadEditableAccount(db, membership.companyId, id);
  if (!account) notFound();
  const { from } = await searchParams;
  const starting = resolveStartingDate({ requested: typeof from === "string" ? from : null, today: toIsoDate(new Date()), lockDate: account.lockDate });
  const search = await findDuplicateGroups(db, { companyId: membership.companyId, bankAccountId: account.id, startingDate: starting.date });
  const base = `/accounts/${account.id}`;
  const t = await getTranslations("duplicates");
  const locale = await getLocale();

  return (
    <div>
      <Link href={base} className="text-sm text-slate-600 hover:text-brand-700">← {account.name}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        {t("intro", { account: account.name })}
      </p>
      <StartingDateForm action={`${base}/duplicates`} date={starting.date} lockDate={account.lockDate} movedByLockDate={starting.movedByLockDate} submitLabel={t("search")} />
      {search.truncated && (
        <p role="status" className="mt-4 text-sm text-amber-700">
          {t("truncated", { max: MAX_LINES })}
        </p>
      )}
      {/* Keyed by the starting date: a new search starts without the previous answer. */}
      <DuplicateGroups key={starting.date} bankAccountId={account.id} groups={search.groups} developerMode={hasDeveloperAccess(membership)} empty={
        <section className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-medium">{t("emptyTitle")}</h2>
          <p className="mt-2 text-sm text-slate-600">{t("emptyText", { date: formatDate(starting.date, locale) })}</p>
        </section>
      } />
    </div>
  );
}
