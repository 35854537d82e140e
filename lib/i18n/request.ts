/**
 * next-intl's request configuration (the plugin in next.config.ts points here): which
 * language this request is answered in, and its catalogue. No /id/ URL prefixes: the
 * signed-in user's stored choice wins, then the cookie (signed-out pages), then the
 * browser's Accept-Language. Times are shown in UTC, and say so.
 */
import { getRequestConfig } from "next-intl/server";
import { requestLocale } from "./request-locale";
import { catalogue } from "./catalogue";

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: catalogue(locale), timeZone: "UTC" };
});
