import type { Metadata } from "next";
import Link from "next/link";
import { and, eq } from "drizzle-orm";
import { getLocale, getTranslations } from "next-intl/server";
import { CopyForSupport } from "@/components/copy-for-support";
import { db } from "@/db/client";
import { bankConnections, connectionEvents } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { requireMembership } from "@/lib/auth/membership";
import { listConnectionAttempts, type ConnectionAttempt } from "@/lib/connections/attempts";
import { formatUtcMinute } from "@/lib/dates";
import { hasDeveloperAccess } from "@/lib/developer-mode/toggle";
import { showStored } from "@/lib/i18n/stored-message";
import { ensureInstitutions } from "@/lib/institutions/directory";
import { listCountries } from "@/lib/institutions/search";
import { isSupportedInstitutionsPageOn } from "@/lib/institutions/supported-page-switch";
import { listEnabledProviders } from "@/lib/providers";
import { isUuid } from "@/lib/uuid";
import { providerLabel } from "@/lib/providers/catalog";
import { ConnectAgainButton } from "./connect-again-button";
import { ConnectBank } from "./connect-bank";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("connect"))("title") };
}

/** The newest attempts only: older ones stay listed in Online Synchronization. */
const MAX_ATTEMPTS_SHOWN = 5;

type Failure = { message: string; code: string | null; errorReference: string | null; clientId: string | null };

async function failure(companyId: string, failed: string | undefined): Promise<Failure | null> {
  if (!failed) return null;
  const invalid = { message: (await getTranslations("connect"))("stateError"), code: null, errorReference: null, clientId: null };
  if (!isUuid(failed)) return invalid;
  // The failure's sentence was logged with its reference: that entry's catalogue key says it in the reader's language.
  const [row] = await db
    .select({
      message: bankConnections.lastErrorMessage, key: connectionEvents.messageKey, params: connectionEvents.messageParams,
      code: bankConnections.lastErrorCode, errorReference: bankConnections.lastErrorReference, clientId: bankConnections.clientId,
    })
    .from(bankConnections)
    .leftJoin(connectionEvents, and(eq(connectionEvents.connectionId, bankConnections.id), eq(connectionEvents.errorReference, bankConnections.lastErrorReference)))
    .where(and(eq(bankConnections.id, failed), eq(bankConnections.companyId, companyId)))
    .limit(1);
  if (!row?.message) return invalid;
  const message = showStored({ text: row.message, key: row.key, params: row.params }, await getLocale()) ?? row.message;
  return { message, code: row.code, errorReference: row.errorReference, clientId: row.clientId };
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

/** Consents refused or left unfinished at the bank, each with Connect again (the same institution, a new consent). */
async function UnfinishedAttempts({ attempts }: { attempts: ConnectionAttempt[] }) {
  if (attempts.length === 0) return null;
  const t = await getTranslations("connectionAttempts");
  const stateLabel = await getTranslations("connectionStates");
  return (
    <section aria-labelledby="unfinished-heading" className="mt-6 rounded-xl border border-amber-200 bg-amber-50 p-4">
      <h2 id="unfinished-heading" className="font-medium">{t("unfinishedTitle")}</h2>
      <p className="mt-1 text-sm text-slate-700">{t("unfinishedIntro")}</p>
      <ul className="mt-3 divide-y divide-amber-100">
        {attempts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
            <span>
              <span className="font-medium">{a.institution}</span>
              <span className="ml-2 text-slate-600">{t("attemptLine", { provider: providerLabel(a.provider), state: stateLabel(a.state), at: formatUtcMinute(a.attemptedAt) })}</span>
            </span>
            <ConnectAgainButton connectionId={a.id} institution={a.institution} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function ConnectPage({ searchParams }: { searchParams: Promise<{ failed?: string }> }) {
  const membership = await requireMembership();
  const { failed } = await searchParams;
  await ensureInstitutions(db, listEnabledProviders());
  const [countries, error, attempts] = await Promise.all([
    listCountries(db), failure(membership.companyId, failed), listConnectionAttempts(db, membership.companyId, { openOnly: true }),
  ]);
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
      <UnfinishedAttempts attempts={attempts.slice(0, MAX_ATTEMPTS_SHOWN)} />
      <ConnectBank countries={countries} />
    </div>
  );
}
