import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "OpenBankSync", template: "%s · OpenBankSync" },
  description: "Online bank synchronization for your books.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Each response's scripts carry that request's CSP nonce (proxy.ts): no page is prerendered.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
