/**
 * Supported institutions: the whole directory of banks this server can connect, for anyone,
 * signed in or not (the seed's "See list of supported institutions"). A plain GET form and
 * keyset pages, so it works without JavaScript and stays fast at 30,000 banks.
 * SUPPORTED_INSTITUTIONS_PAGE=off turns it off (404).
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { ensureInstitutions } from "@/lib/institutions/directory";
import { listCountries } from "@/lib/institutions/search";
import { cursorFromParams, cursorParam, listSupportedInstitutions, type DirectoryCursor, type DirectoryFilter } from "@/lib/institutions/supported";
import { isSupportedInstitutionsPageOn } from "@/lib/institutions/supported-page-switch";
import { enabledProviderNames, listEnabledProviders } from "@/lib/providers";
import { providerLabel } from "@/lib/providers/catalog";
import { PROVIDER_NAMES } from "@/lib/providers/types";
import { DirectoryTable } from "./directory-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("supportedInstitutions"))("title") };
}

// Unreadable filters are dropped rather than refused: this is a list to browse.
const paramsSchema = z.object({
  q: z.string().max(100).catch(""),
  country: z.string().regex(/^[A-Za-z]{2}$/).optional().catch(undefined),
  provider: z.enum(PROVIDER_NAMES).optional().catch(undefined),
  after: z.string().max(2_000).optional().catch(undefined),
  before: z.string().max(2_000).optional().catch(undefined),
});

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SupportedInstitutionsPage({ searchParams }: { searchParams: SearchParams }) {
  if (!isSupportedInstitutionsPageOn()) notFound();
  const params = paramsSchema.parse({ q: "", ...(await searchParams) });
  const filter: DirectoryFilter = { query: params.q, country: params.country?.toUpperCase() ?? null, provider: params.provider ?? null };
  await ensureInstitutions(db, listEnabledProviders());
  const [page, countries, membership, t] = await Promise.all([
    listSupportedInstitutions(db, filter, cursorFromParams(params)),
    listCountries(db),
    currentMembership(),
    getTranslations("supportedInstitutions"),
  ]);
  const providers = enabledProviderNames();
  const filtered = Boolean(filter.query || filter.country || filter.provider);
  const href = (cursor: DirectoryCursor) => {
    const query = new URLSearchParams({ ...(filter.query ? { q: filter.query } : {}), ...(filter.country ? { country: filter.country } : {}), ...(filter.provider ? { provider: filter.provider } : {}), ...cursorParam(cursor) });
    return `/institutions?${query}`;
  };
  const field = "mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm";
  const pageLink = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
          <Link href="/" className="font-semibold text-brand-700">OpenBankSync</Link>
          {!membership && <Link href="/login" className="ml-auto text-sm font-medium text-brand-700 hover:underline">{t("signIn")}</Link>}
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>

        <form method="get" action="/institutions" role="search" aria-label={t("filters")} className="mt-6 flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <label htmlFor="q" className="block text-sm font-medium">{t("searchLabel")}</label>
            <input id="q" name="q" type="search" defaultValue={filter.query} placeholder={t("searchPlaceholder")} maxLength={100} className={`${field} w-full`} />
          </div>
          <div>
            <label htmlFor="country" className="block text-sm font-medium">{t("country")}</label>
            <select id="country" name="country" defaultValue={filter.country ?? ""} className={field}>
              <option value="">{t("allCountries")}</option>
              {countries.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="provider" className="block text-sm font-medium">{t("provider")}</label>
            <select id="provider" name="provider" defaultValue={filter.provider ?? ""} className={field}>
              <option value="">{t("allProviders")}</option>
              {providers.map((p) => <option key={p} value={p}>{providerLabel(p)}</option>)}
            </select>
          </div>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">{t("apply")}</button>
          {filtered && <Link href="/institutions" className="py-2 text-sm font-medium text-brand-700 hover:underline">{t("clear")}</Link>}
        </form>

        <p className="mt-4 text-sm text-slate-600" aria-live="polite">{t("count", { count: page.total })}</p>
        {page.rows.length === 0
          ? <p className="mt-4 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">{providers.length === 0 ? t("empty") : t("noMatch")}</p>
          : <DirectoryTable rows={page.rows} />}

        {(page.previous || page.next) && (
          <nav aria-label={t("pages")} className="mt-4 flex gap-3">
            {page.previous && <Link href={href(page.previous)} className={pageLink}>{t("previous")}</Link>}
            {page.next && <Link href={href(page.next)} className={pageLink}>{t("next")}</Link>}
          </nav>
        )}
        <p className="mt-6 text-sm text-slate-600">{t("notListed")}</p>
      </main>
    </div>
  );
}
