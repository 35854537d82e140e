import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import { formatDate } from "@/lib/dates";
import { loadImportAccount } from "@/lib/import/account";
import { csvMappingSchema } from "@/lib/import/csv-mapping";
import { MAX_FILE_BYTES } from "@/lib/import/source";
import { ImportWizard } from "./import-wizard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("importFile"))("title") };
}

export default async function ImportFilePage({ params }: { params: Promise<{ id: string }> }) {
  const membership = await requireMembership();
  const { id } = await params;
  const account = await loadImportAccount(db, membership.companyId, id);
  if (!account) notFound();
  const remembered = csvMappingSchema.safeParse(account.csvMapping);
  const t = await getTranslations("importFile");
  const locale = await getLocale();

  return (
    <div>
      <Link href={`/accounts/${account.id}`} className="text-sm text-slate-600 hover:text-brand-700">← {account.name}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        {t("intro", { name: account.name, accountNumber: maskAccountNumber(account.accountNumber), currency: account.currency, megabytes: MAX_FILE_BYTES / 1024 / 1024 })}
        {account.lockDate && t("lockDate", { date: formatDate(account.lockDate, locale) })}
      </p>
      <ImportWizard bankAccountId={account.id} currency={account.currency} rememberedMapping={remembered.success ? remembered.data : null} />
    </div>
  );
}
