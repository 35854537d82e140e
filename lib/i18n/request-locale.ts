/** The language of the current request: the user's stored choice, the cookie, or Accept-Language. */
import "server-only";
import { eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { currentMembership } from "@/lib/auth/membership";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, type Locale } from "./locales";

export const requestLocale = cache(async function requestLocale(): Promise<Locale> {
  const membership = await currentMembership();
  if (membership) {
    const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, membership.userId));
    if (isLocale(row?.locale)) return row.locale;
  }
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
});
