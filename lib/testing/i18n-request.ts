/**
 * next-intl's request configuration in tests (vitest.config.ts aliases `next-intl/config`
 * here): server components render in English, as the tests' expectations are written.
 */
import { getRequestConfig } from "next-intl/server";
import { catalogue } from "@/lib/i18n/catalogue";

export default getRequestConfig(async () => ({ locale: "en", messages: catalogue("en"), timeZone: "UTC" }));
