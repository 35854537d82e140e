import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { and, eq, isNull } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, institutions } from "@/db/schema";
import { requireMembership } from "@/lib/auth/membership";
import { parseAuthorized } from "@/lib/connections/connect";
import { SelectAccountsForm } from "./select-accounts-form";
import { isUuid } from "@/lib/uuid";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("selectAccounts"))("title") };
}

export default async function SelectAccountsPage({ params }: { params: Promise<{ connectionId: string }> }) {
  const membership = await requireMembership();
  const { connectionId } = await params;
  if (!isUuid(connectionId)) notFound();
  const [connection] = await db
    .select({ id: bankConnections.id, state: bankConnections.state, authorized: bankConnections.authorizedAccounts, institutionName: institutions.name })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(bankConnections.id, connectionId), eq(bankConnections.companyId, membership.companyId)));
  if (!connection) notFound();
  const authorized = parseAuthorized(connection.authorized);
  const linked = await db
    .select({ providerAccountId: bankAccounts.providerAccountId, syncEnabled: bankAccounts.syncEnabled })
    .from(bankAccounts)
    .where(eq(bankAccounts.connectionId, connection.id));
  const manualAccounts = await db
    .select({ id: bankAccounts.id, name: bankAccounts.name, currency: bankAccounts.currency })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.companyId, membership.companyId), isNull(bankAccounts.connectionId)));
  const t = await getTranslations("selectAccounts");
  const credentials = await getTranslations("updateCredentials");
  // Accounts already linked: this consent updates an existing connection (Update Credentials, Reconnect).
  const updating = linked.length > 0;

  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{connection.institutionName}</p>
      {connection.state !== "selecting_accounts" ? (
        <p className="mt-6 text-sm">
          {t("alreadyChosen")} <Link href="/" className="text-brand-700 hover:underline">{t("backToDashboard")}</Link>
        </p>
      ) : authorized.length === 0 ? (
        <div className="mt-6 rounded-xl border border-amber-200 bg-amber-50 p-5 text-sm">
          <p className="font-medium">{t("noneAuthorized")}</p>
          <p className="mt-1">{t("selectOnConsentPage")}</p>
          <Link href="/connect" className="mt-3 inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">{t("tryAgain")}</Link>
        </div>
      ) : (
        <>
        {updating && (
          <p role="note" className="mt-4 rounded-md border border-slate-200 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-700">
            {credentials("selectAllReminder")}
          </p>
        )}
        <SelectAccountsForm
          connectionId={connection.id}
          accounts={authorized}
          manualAccounts={manualAccounts}
          existing={linked.map((a) => ({ providerAccountId: a.providerAccountId ?? "", syncEnabled: a.syncEnabled }))}
        />
        </>
      )}
    </div>
  );
}
