"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState, useTransition, type FormEvent } from "react";
import type { InstitutionResult } from "@/lib/institutions/search";
import { providerLabel } from "@/lib/providers/catalog";
import { startConnectAction, type ConnectState } from "./actions";


export function ConnectBank({ countries }: { countries: string[] }) {
  const t = useTranslations("connect");
  const [query, setQuery] = useState("");
  const [country, setCountry] = useState("");
  const [results, setResults] = useState<InstitutionResult[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [selected, setSelected] = useState<InstitutionResult | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const params = new URLSearchParams({ q: query, country });
        const response = await fetch(`/api/institutions?${params}`, { signal: controller.signal });
        const body = (await response.json()) as { results?: InstitutionResult[]; error?: string };
        if (!response.ok) throw new Error(body.error ?? t("searchFailed"));
        setResults(body.results ?? []);
        setSearchError(null);
      } catch (error) {
        if (!controller.signal.aborted) setSearchError(error instanceof Error ? error.message : t("searchFailed"));
      }
    }, 150);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [query, country, t]);

  return (
    <div className="mt-6 space-y-4">
      <div className="flex gap-3">
        <div className="flex-1">
          <label htmlFor="institution-search" className="block text-sm font-medium">{t("searchLabel")}</label>
          <input id="institution-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)}
            placeholder={t("searchPlaceholder")} autoComplete="off"
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none" />
        </div>
        <div>
          <label htmlFor="country" className="block text-sm font-medium">{t("country")}</label>
          <select id="country" value={country} onChange={(e) => setCountry(e.target.value)}
            className="mt-1 rounded-md border border-slate-300 px-3 py-2">
            <option value="">{t("allCountries")}</option>
            {countries.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
      </div>
      {searchError && <p role="alert" className="text-sm text-red-700">{searchError}</p>}
      {results === null ? (
        <p className="text-sm text-slate-500">{t("loadingBanks")}</p>
      ) : (
        <ul aria-label={t("institutions")} className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {results.length === 0 && <li className="px-4 py-3 text-sm text-slate-500">{t("noMatch")}</li>}
          {results.map((result) => (
            <li key={`${result.name}|${result.country}|${result.bic}`}>
              <button type="button" onClick={() => setSelected(result)} aria-pressed={selected === result}
                aria-label={t("resultLabel", { name: result.name, country: result.country, beta: result.options.some((o) => o.beta) ? "yes" : "no" })}
                className={`flex w-full items-center justify-between px-4 py-3 text-left hover:bg-slate-50 ${selected === result ? "bg-brand-50" : ""}`}>
                <span>
                  <span className="font-medium">{result.name}</span>
                  <span className="ml-2 text-xs text-slate-500">{result.country}{result.bic ? ` · ${result.bic}` : ""}</span>
                </span>
                <span className="flex gap-2 text-xs">
                  {result.options.some((o) => o.beta) && <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-800">{t("beta")}</span>}
                  {result.options.every((o) => !o.available) && <span className="rounded bg-slate-100 px-2 py-0.5 text-slate-600">{t("unavailable")}</span>}
                  <span className="text-slate-500">{t("via", { providers: result.options.map((o) => providerLabel(o.provider)).join(", ") })}</span>
                </span>
              </button>
            </li>
          ))}
          <li className="px-4 py-3 text-sm">
            {t("notListed")}{" "}
            <Link href="/accounts/new" className="font-medium text-brand-700 hover:underline">{t("addNewBank")}</Link>
          </li>
        </ul>
      )}
      {selected && <ConnectForm key={`${selected.name}|${selected.country}`} institution={selected} />}
    </div>
  );
}

function ConnectForm({ institution }: { institution: InstitutionResult }) {
  const t = useTranslations("connect");
  const [optionId, setOptionId] = useState(institution.options[0]!.id);
  const [consent, setConsent] = useState(false);
  const [state, action, pending] = useActionState<ConnectState, FormData>(startConnectAction, { error: null });
  const [, startTransition] = useTransition();
  const option = institution.options.find((o) => o.id === optionId) ?? institution.options[0]!;
  // Submitted by hand: a form action resets the form afterwards, which would untick the
  // consent box after a failed Connect while its state (and the enabled button) stayed ticked.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  return (
    <form action={action} onSubmit={submit} className="rounded-xl border border-slate-200 bg-white p-5" aria-label={t("formLabel", { name: institution.name })}>
      <h2 className="text-lg font-medium">{institution.name}</h2>
      {option.beta && (
        <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{t("betaWarning")}</p>
      )}
      {!option.available && <p className="mt-2 text-sm text-red-700">{t("unavailableWarning")}</p>}
      <input type="hidden" name="institutionId" value={option.id} />
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="provider" className="block text-sm font-medium">{t("provider")}</label>
          {institution.options.length > 1 ? (
            <select id="provider" value={optionId} onChange={(e) => setOptionId(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2">
              {institution.options.map((o) => <option key={o.id} value={o.id}>{providerLabel(o.provider)}</option>)}
            </select>
          ) : (
            <p id="provider" className="mt-1 text-sm">{providerLabel(option.provider)}</p>
          )}
          <p className="mt-1 text-xs text-slate-500">
            {t("history", { days: option.maxHistoryDays, manualOnly: option.supportsBackgroundRefresh ? "no" : "yes" })}
          </p>
        </div>
        {option.accountTypes.length > 0 && (
          <div>
            <label htmlFor="accountType" className="block text-sm font-medium">{t("accountType")}</label>
            <select id="accountType" name="accountType" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2">
              {option.accountTypes.map((type) => <option key={type} value={type}>{type[0]!.toUpperCase() + type.slice(1)}</option>)}
            </select>
          </div>
        )}
      </div>
      <label className="mt-4 flex items-start gap-2 text-sm">
        <input type="checkbox" name="consent" checked={consent} onChange={(e) => setConsent(e.target.checked)} className="mt-0.5" />
        <span>{t("consent", { provider: providerLabel(option.provider) })}</span>
      </label>
      {state.error && <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p>}
      <button type="submit" disabled={!consent || pending}
        className="mt-4 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50">
        {pending ? t("connecting") : t("connect")}
      </button>
    </form>
  );
}
