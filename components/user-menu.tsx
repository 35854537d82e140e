"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { signOut } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { setDeveloperModeAction, setLanguageAction, type DeveloperModeState, type LanguageState } from "@/app/(app)/actions";
import { localeNames, locales } from "@/lib/i18n/locales";

type Props = { name: string; email: string; companyName: string; role: "admin" | "user"; developerMode: boolean };

export function UserMenu({ name, email, companyName, role, developerMode }: Props) {
  const t = useTranslations("userMenu");
  const currentLocale = useLocale();
  const [developerState, toggleDeveloperMode, togglingDeveloperMode] = useActionState<DeveloperModeState, FormData>(setDeveloperModeAction, { error: null });
  const [languageState, chooseLanguage, choosingLanguage] = useActionState<LanguageState, FormData>(setLanguageAction, { error: null });
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("click", close);
    return () => document.removeEventListener("click", close);
  }, []);
  return (
    <div ref={ref} className="relative">
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((v) => !v)}
        className="rounded-md border border-slate-200 px-3 py-1.5 text-sm hover:bg-slate-50">
        {name}
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-10 mt-2 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <div className="border-b border-slate-100 px-2 pb-2 text-xs text-slate-500">
            <div className="truncate">{email}</div>
            <div>{companyName} · {role === "admin" ? t("administrator") : t("user")}</div>
          </div>
          <form action={chooseLanguage} className="border-b border-slate-100 py-1" aria-label={t("language")}>
            <p className="px-2 pt-1 text-xs font-medium text-slate-500">{t("language")}</p>
            {locales.map((locale) => (
              // lang: each language's name is read in that language.
              <button key={locale} type="submit" name="locale" value={locale} role="menuitemradio" lang={locale}
                aria-checked={locale === currentLocale} disabled={choosingLanguage}
                className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-50 disabled:opacity-60">
                <span aria-hidden="true" className="inline-block w-4">{locale === currentLocale ? "✓" : ""}</span>{localeNames[locale]}
              </button>
            ))}
          </form>
          {languageState.error && <p role="alert" className="px-2 text-xs text-red-700">{languageState.error}</p>}
          {role === "admin" && (
            <form action={toggleDeveloperMode}>
              <input type="hidden" name="on" value={developerMode ? "false" : "true"} />
              <button type="submit" role="menuitem" disabled={togglingDeveloperMode}
                className="mt-1 w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-50 disabled:opacity-60">
                {developerMode ? t("deactivateDeveloperMode") : t("activateDeveloperMode")}
              </button>
            </form>
          )}
          {developerState.error && <p role="alert" className="px-2 text-xs text-red-700">{developerState.error}</p>}
          {role === "admin" && developerMode && (
            <Link href="/settings/online-synchronization" role="menuitem" onClick={() => setOpen(false)}
              className="mt-1 block rounded px-2 py-1.5 text-sm hover:bg-slate-50">
              {t("onlineSynchronization")}
            </Link>
          )}
          {/* Auth.js's own sign-out endpoint (with its CSRF token), then a full page load of /login. */}
          <button type="button" role="menuitem" disabled={signingOut}
            onClick={() => { setSigningOut(true); void signOut({ redirectTo: "/login" }); }}
            className="mt-1 w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-50 disabled:opacity-60">
            {signingOut ? t("signingOut") : t("signOut")}
          </button>
        </div>
      )}
    </div>
  );
}
