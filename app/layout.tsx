import type { Metadata } from "next";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: "OpenBankSync", template: "%s · OpenBankSync" }, description: t("description") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Each response's scripts carry that request's CSP nonce (proxy.ts): no page is prerendered.
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
