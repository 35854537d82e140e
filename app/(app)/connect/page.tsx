import type { Metadata } from "next";
import Link from "next/link";
import { and, eq } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { CopyForSupport } from "@/components/copy-for-support";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { requireMembership } from "@/lib/auth/membership";
import { hasDeveloperAccess } from "@/lib/developer-mode/toggle";
import { ensureInstitutions } from "@/lib/institutions/directory";
import { listCountries } from "@/lib/institutions/search";
import { isSupportedInstitutionsPageOn } from "@/lib/institutions/supported-page-switch";
import { listEnabledProviders } from "@/lib/providers";
import { isUuid } from "@/lib/uuid";
import { ConnectBank } from "./connect-bank";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("connect"))("title") };
}

type Failure = { message: string; code: string | null; errorReference: string | null; clientId: string | null };

async function failure(companyId: string, failed: string | undefined): Promise<Failure | null> {
  if (!failed) return null;
  const invalid = { message: (await getTranslations("connect"))("stateError"), code: null, errorReference: null, clientId: null };
  if (!isUuid(failed)) return invalid;
  const [row] = await db
    .select({ message: bankConnections.lastErrorMessage, code: bankConnections.lastErrorCode, errorReference: bankConnections.lastErrorReference, clientId: bankConnections.clientId })
    .from(bankConnections)
    .where(and(eq(bankConnections.id, failed), eq(bankConnections.companyId, companyId)));
  return row?.message ? { message: row.message, code: row.code, errorReference: row.errorReference, clientId: row.clientId } : invalid;
}

/** The bank login is already connected: where its connection can be kept (Update Credentials) or deleted. */
async function ExistingConnectionLink({ membership }: { membership: Membership }) {
  const t = await getTranslations("connect");
  const link = "font-medium text-brand-700 hover:underline";
  if (membership.role !== "admin") {
    return <p className="mt-2 text-sm">{t("askAdministrator", { company: membership.companyName })}</p>;
  }
  if (hasDeveloperAccess(membership)) {
    return <p className="mt-2 text-sm">{t.rich("openOnlineSynchronization", { link: (chunks) => <Link href="/settings/online-synchronization" className={link}>{chunks}</Link> })}</p>;
  }
  return <p className="mt-2 text-sm">{t.rich("turnOnDeveloperMode", { link: (chunks) => <Link href="/settings" className={link}>{chunks}</Link> })}</p>;
}

export default async function ConnectPage({ searchParams }: { searchParams: Promise<{ failed?: string }> }) {
  const membership = await requireMembership();
  const { failed } = await searchParams;
  await ensureInstitutions(db, listEnabledProviders());
  const [countries, error] = await Promise.all([listCountries(db), failure(membership.companyId, failed)]);
  const [t, tSupported] = await Promise.all([getTranslations("connect"), getTranslations("supportedInstitutions")]);
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      {isSupportedInstitutionsPageOn() && (
        <p className="mt-1 text-sm"><Link href="/institutions" className="font-medium text-brand-700 hover:underline">{tSupported("connectTip")}</Link></p>
      )}
      {error && <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error.message}</p>}
      {error?.code === "already_connected" && <ExistingConnectionLink membership={membership} />}
      {error?.errorReference && error.clientId && (
        // A failed Reconnect or Update Credentials ends here too: what support needs to find it.
        <p className="mt-2 text-sm text-slate-700">
          {t.rich("sendToSupport", { errorReference: error.errorReference, clientId: error.clientId, code: (chunks) => <code>{chunks}</code> })}{" "}
          <CopyForSupport errorReference={error.errorReference} clientId={error.clientId} message={error.message} />
        </p>
      )}
      <ConnectBank countries={countries} />
    </div>
  );
}
