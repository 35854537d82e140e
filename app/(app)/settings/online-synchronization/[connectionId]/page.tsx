import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { CallBudgetSummary } from "@/components/call-budget";
import { CopyForSupport } from "@/components/copy-for-support";
import { FetchTransactionsButton } from "@/components/fetch-transactions-button";
import { requireDeveloperAccess } from "@/lib/auth/developer-access";
import { connectionLog, connectionRuns, getConnectionDetail } from "@/lib/connections/overview";
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import { formatUtcMinute } from "@/lib/dates";
import { providerLabel } from "@/lib/providers/catalog";
import { showStored } from "@/lib/i18n/stored-message";
import { RunsTable } from "../runs-table";
import { StateBadge } from "../state-badge";
import { AutoSyncToggle, DeleteConnection, ReconsentForm } from "./connection-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("connectionPage"))("title") };
}

const LEVEL_TONES: Record<string, string> = { error: "text-red-700", warning: "text-amber-700", user_action: "text-brand-700", info: "text-slate-600" };
const LEVELS = ["error", "warning", "user_action", "info"] as const;

function isLevel(level: string): level is (typeof LEVELS)[number] {
  return (LEVELS as readonly string[]).includes(level);
}

export default async function ConnectionPage({ params }: { params: Promise<{ connectionId: string }> }) {
  const membership = await requireDeveloperAccess();
  const { connectionId } = await params;
  if (!z.uuid().safeParse(connectionId).success) notFound();
  const connection = await getConnectionDetail(db, membership.companyId, connectionId);
  if (!connection) notFound();
  const locale = await getLocale();
  const [log, runs] = await Promise.all([connectionLog(db, membership.companyId, connectionId), connectionRuns(db, membership.companyId, connectionId)]);
  // A link that is not active shows why its consent flow failed (the sentence logged with its
  // reference, in the reader's language); an active one, its newest run's error.
  const linkLogged = connection.lastErrorReference ? log.find((entry) => entry.errorReference === connection.lastErrorReference) : undefined;
  const linkError = connection.linkState !== "active" && connection.lastErrorMessage
    ? {
      message: (linkLogged && showStored({ text: linkLogged.message, key: linkLogged.messageKey, params: linkLogged.messageParams }, locale)) ?? connection.lastErrorMessage,
      reference: connection.lastErrorReference,
    }
    : null;
  const runError = connection.lastRun?.status === "failed"
    ? { message: showStored({ text: connection.lastRun.errorMessage, key: connection.lastRun.errorKey, params: connection.lastRun.errorParams }, locale), reference: connection.lastRun.errorReference } : null;
  const errorMessage = (linkError ?? runError)?.message ?? null;
  const errorReference = (linkError ?? runError)?.reference ?? null;
  const fetchAccount = connection.accounts.find((a) => a.syncEnabled);
  const needsUser = connection.state === "error" || connection.state === "disconnected";
  const t = await getTranslations("connectionPage");
  const onlineSync = await getTranslations("onlineSync");
  return (
    <div>
      <p className="text-sm"><Link href="/settings/online-synchronization" className="text-brand-700 hover:underline">{onlineSync("title")}</Link> ›</p>
      <h1 className="text-2xl font-semibold">{connection.institution}</h1>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div><dt className="text-slate-500">{t("state")}</dt><dd><StateBadge state={connection.state} /></dd></div>
        <div><dt className="text-slate-500">{t("provider")}</dt><dd>{providerLabel(connection.provider)}</dd></div>
        <div><dt className="text-slate-500">{t("clientId")}</dt><dd><code>{connection.clientId}</code></dd></div>
        <div><dt className="text-slate-500">{t("consentExpires")}</dt><dd>{connection.consentRevokedAt ? t("revokedAt", { at: formatUtcMinute(connection.consentRevokedAt) }) : connection.consentExpiresAt ? formatUtcMinute(connection.consentExpiresAt) : "—"}</dd></div>
      </dl>

      {errorMessage && (
        <section aria-label={t("error")} className="mt-6 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <h2 className="font-semibold">{t("whatWentWrong")}</h2>
          <p className="mt-1">{errorMessage}</p>
          {errorReference && (
            <p className="mt-2">
              {t.rich("errorReference", { errorReference, clientId: connection.clientId, code: (chunks) => <code>{chunks}</code> })}{" "}
              <CopyForSupport errorReference={errorReference} clientId={connection.clientId} message={errorMessage} />
            </p>
          )}
          <p className="mt-1 text-xs">{t("giveBoth")}</p>
        </section>
      )}

      <section aria-label={t("actions")} className="mt-6 space-y-4 rounded-md border border-slate-200 p-4">
        <AutoSyncToggle connectionId={connection.id} on={connection.autoSync} />
        <div className="flex flex-wrap items-start gap-3">
          {!connection.completed && <ReconsentForm connectionId={connection.id} reason="reconnect" label={t("connectAgain")} />}
          {connection.completed && !connection.consentRevokedAt && <ReconsentForm connectionId={connection.id} reason="update_credentials" label={t("updateCredentials")} />}
          {connection.completed && needsUser && !connection.consentRevokedAt && <ReconsentForm connectionId={connection.id} reason="reconnect" label={t("reconnect")} />}
          <DeleteConnection connectionId={connection.id} institution={connection.institution} revoked={Boolean(connection.consentRevokedAt)} />
        </div>
        <CallBudgetSummary connectionId={connection.id} />
        {fetchAccount && connection.state !== "disconnected" && <FetchTransactionsButton bankAccountId={fetchAccount.id} connectionId={connection.id} waitingForCode={connection.state === "waiting_mfa"} running={connection.lastRun?.status === "running"} />}
        <p className="text-xs text-slate-500">
          {t("accounts", { accounts: connection.accounts.map((a) => t(a.syncEnabled ? "accountSynchronized" : "accountNotSynchronized", { name: `${a.name} ${maskAccountNumber(a.accountNumber)}`.trim() })).join(", ") || t("none") })}
        </p>
      </section>

      <h2 className="mt-8 text-lg font-semibold">{t("synchronizations")}</h2>
      <RunsTable runs={runs} />

      <h2 className="mt-8 text-lg font-semibold">{t("log")}</h2>
      {log.length === 0 ? <p className="mt-2 text-sm text-slate-600">{t("nothingYet")}</p> : (
        <ol aria-label={t("connectionLog")} className="mt-2 divide-y divide-slate-100 text-sm">
          {log.map((entry) => (
            <li key={entry.id} className="py-2">
              <span className="text-xs text-slate-500">{formatUtcMinute(entry.at)}</span>{" "}
              <span className={`text-xs font-medium ${LEVEL_TONES[entry.level] ?? ""}`}>{isLevel(entry.level) ? t(`levels.${entry.level}`) : entry.level}</span>
              {entry.actor || entry.actorEmail ? <span className="text-xs text-slate-500"> · {entry.actor ?? entry.actorEmail}</span> : null}
              <p>{showStored({ text: entry.message, key: entry.messageKey, params: entry.messageParams }, locale)}{entry.errorReference && <> (<code>{entry.errorReference}</code>)</>}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
