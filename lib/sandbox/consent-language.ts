/**
 * The language of the Sandbox bank's consent pages: the app's own choice when the browser
 * carries its cookie (same origin), else the browser's Accept-Language, as a bank would.
 */
// use-intl/core (what next-intl re-exports) has no React, so the bench and scripts, run under
// the react-server condition, can load the Sandbox bank too.
import { createTranslator } from "use-intl/core";
import { catalogue } from "@/lib/i18n/catalogue";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";

function cookieLocale(request: Request): Locale | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return null;
}

export function consentText(request: Request) {
  const locale = cookieLocale(request) ?? localeFromAcceptLanguage(request.headers.get("accept-language"));
  return { locale, t: createTranslator({ locale, messages: catalogue(locale), namespace: "sandboxConsent" }) };
}

export type ConsentText = ReturnType<typeof consentText>;
