import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireMembership } from "@/lib/auth/membership";
import { UserMenu } from "@/components/user-menu";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const membership = await requireMembership();
  const t = await getTranslations("nav");
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
          <Link href="/" className="font-semibold text-brand-700">OpenBankSync</Link>
          <nav aria-label={t("main")} className="flex gap-4 text-sm">
            <Link href="/" className="text-slate-700 hover:text-brand-700">{t("dashboard")}</Link>
            <Link href="/settings" className="text-slate-700 hover:text-brand-700">{t("settings")}</Link>
          </nav>
          <div className="ml-auto">
            <UserMenu name={membership.name ?? membership.email} email={membership.email}
              companyName={membership.companyName} role={membership.role} developerMode={membership.developerMode} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
