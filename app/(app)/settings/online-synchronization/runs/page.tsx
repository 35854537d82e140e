import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { requireDeveloperAccess } from "@/lib/auth/developer-access";
import { companyRuns } from "@/lib/connections/overview";
import { RunsTable } from "../runs-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pastRuns"))("title") };
}

export default async function PastSynchronizationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const membership = await requireDeveloperAccess();
  const requested = Number((await searchParams).page ?? 1);
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 100_000 ? requested : 1;
  const { runs, hasMore } = await companyRuns(db, membership.companyId, page);
  const t = await getTranslations("pastRuns");
  const onlineSync = await getTranslations("onlineSync");
  return (
    <div>
      <p className="text-sm"><Link href="/settings/online-synchronization" className="text-brand-700 hover:underline">{onlineSync("title")}</Link> ›</p>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <RunsTable runs={runs} showInstitution />
      <nav aria-label={t("pages")} className="mt-4 flex gap-3 text-sm">
        {page > 1 && <Link href={`?page=${page - 1}`} className="text-brand-700 hover:underline">{t("newer")}</Link>}
        <span className="text-slate-500">{t("page", { page })}</span>
        {hasMore && <Link href={`?page=${page + 1}`} className="text-brand-700 hover:underline">{t("older")}</Link>}
      </nav>
    </div>
  );
}
