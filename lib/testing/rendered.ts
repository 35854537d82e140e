/**
 * Server components rendered in tests as the browser receives them: the HTML, and the text
 * a reader sees in a piece of it (tags dropped, entities and React's text separators undone),
 * in English.
 */
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps, type ReactNode } from "react";
import { prerender } from "react-dom/static";
import { catalogue } from "@/lib/i18n/catalogue";
import type { Locale } from "@/lib/i18n/locales";

// Client components that hold the router (components/live-run) render as they do in the
// app; nothing navigates in a prerender.
const idle = () => {};
const router: AppRouterInstance = { back: idle, forward: idle, refresh: idle, push: idle, replace: idle, prefetch: idle, bfcacheId: "test" };

/** An element inside the message provider the root layout gives client components in the app, and the App Router's context. */
export function withMessages(element: ReactNode, locale: Locale = "en"): ReactNode {
  const props: ComponentProps<typeof NextIntlClientProvider> = { locale, messages: catalogue(locale), timeZone: "UTC", children: element };
  return createElement(AppRouterContext.Provider, { value: router }, createElement(NextIntlClientProvider, props));
}

export async function renderedHtml(element: ReactNode): Promise<string> {
  const { prelude } = await prerender(withMessages(element));
  return new Response(prelude).text();
}

export function visibleText(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
