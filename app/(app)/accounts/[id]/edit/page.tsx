import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { loadAccountDetails } from "@/lib/bank-accounts/account-details";
import { AccountDetailsForm } from "./account-details-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accountDetails"))("title") };
}

export default async function EditAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const membership = await requireMembership();
  const { id } = await params;
  const account = await loadAccountDetails(db, membership.companyId, id);
  if (!account) notFound();
  const t = await getTranslations("accountDetails");
  return (
    <div className="max-w-lg">
      <Link href={`/accounts/${account.id}`} className="text-sm text-slate-600 hover:text-brand-700">← {account.name}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t("title")}</h1>
      <AccountDetailsForm account={account} currencyLocked={account.hasLines} />
    </div>
  );
}
