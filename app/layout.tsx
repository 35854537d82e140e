import type { Metadata } from "next";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { Messages } from "@/lib/i18n/catalogue";
import { clientMessages } from "@/lib/i18n/client-namespaces";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: "OpenBankSync", template: "%s · OpenBankSync" }, description: t("description") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Each response's scripts carry that request's CSP nonce (proxy.ts): no page is prerendered.
  await connection();
  const locale = await getLocale();
  const messages = clientMessages((await getMessages()) as Messages);
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
