import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireMembership } from "@/lib/auth/membership";
import { ManualAccountForm } from "./manual-account-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("manualAccount"))("title") };
}

export default async function AddNewBankPage() {
  await requireMembership();
  const t = await getTranslations("manualAccount");
  return (
    <div className="max-w-lg">
      <Link href="/" className="text-sm text-slate-600 hover:text-brand-700">← {t("dashboard")}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {t("intro")}
      </p>
      <ManualAccountForm />
    </div>
  );
}
