/**
 * Server components rendered in tests as the browser receives them: the HTML, and the text
 * a reader sees in a piece of it (tags dropped, entities and React's text separators undone),
 * in English.
 */
import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactNode } from "react";
import { prerender } from "react-dom/static";
import { catalogue } from "@/lib/i18n/catalogue";

/** Client components inside read their messages from the provider the root layout gives them in the app. */
export async function renderedHtml(element: ReactNode): Promise<string> {
  const { prelude } = await prerender(createElement(NextIntlClientProvider, { locale: "en", messages: catalogue("en"), timeZone: "UTC", children: element }));
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
