import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations("forbidden");
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <p className="text-sm font-medium text-slate-500">403</p>
      <h1 className="mt-1 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-3 text-sm text-slate-600">
        {t("explanation")}
      </p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">{t("back")}</Link>
    </main>
  );
}
