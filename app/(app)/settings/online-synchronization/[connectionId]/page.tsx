import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { CallBudgetSummary } from "@/components/call-budget";
import { CopyForSupport } from "@/components/copy-for-support";
import { FetchTransactionsButton } from "@/components/fetch-transactions-button";
import { requireDeveloperAccess } from "@/lib/auth/developer-access";
import { connectionLog, connectionRuns, getConnectionDetail } from "@/lib/connections/overview";
import { formatUtcMinute } from "@/lib/dates";
import { RunsTable } from "../runs-table";
import { StateBadge } from "../state-badge";
import { AutoSyncToggle, DeleteConnection, ReconsentForm } from "./connection-actions";

export const metadata: Metadata = { title: "Connection" };

const LEVEL_TONES: Record<string, string> = { error: "text-red-700", warning: "text-amber-700", user_action: "text-brand-700", info: "text-slate-600" };
const LEVEL_LABELS: Record<string, string> = { error: "Error", warning: "Warning", user_action: "User action", info: "Info" };

export default async function ConnectionPage({ params }: { params: Promise<{ connectionId: string }> }) {
  const membership = await requireDeveloperAccess();
  const { connectionId } = await params;
  if (!z.uuid().safeParse(connectionId).success) notFound();
  const connection = await getConnectionDetail(db, membership.companyId, connectionId);
  if (!connection) notFound();
  const [log, runs] = await Promise.all([connectionLog(db, membership.companyId, connectionId), connectionRuns(db, membership.companyId, connectionId)]);
  // A link that is not active shows why its consent flow failed; an active one, its newest run's error.
  const linkError = connection.linkState !== "active" && connection.lastErrorMessage
    ? { message: connection.lastErrorMessage, reference: connection.lastErrorReference }
    : null;
  const runError = connection.lastRun?.status === "failed" ? { message: connection.lastRun.errorMessage, reference: connection.lastRun.errorReference } : null;
  const errorMessage = (linkError ?? runError)?.message ?? null;
  const errorReference = (linkError ?? runError)?.reference ?? null;
  const fetchAccount = connection.accounts.find((a) => a.syncEnabled);
  const needsUser = connection.state === "error" || connection.state === "disconnected";
  return (
    <div>
      <p className="text-sm"><Link href="/settings/online-synchronization" className="text-brand-700 hover:underline">Online Synchronization</Link> ›</p>
      <h1 className="text-2xl font-semibold">{connection.institution}</h1>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div><dt className="text-slate-500">State</dt><dd><StateBadge state={connection.state} /></dd></div>
        <div><dt className="text-slate-500">Provider</dt><dd>{connection.provider}</dd></div>
        <div><dt className="text-slate-500">Client id</dt><dd><code>{connection.clientId}</code></dd></div>
        <div><dt className="text-slate-500">Consent expires</dt><dd>{connection.consentRevokedAt ? `Revoked ${formatUtcMinute(connection.consentRevokedAt)}` : connection.consentExpiresAt ? formatUtcMinute(connection.consentExpiresAt) : "—"}</dd></div>
      </dl>

      {errorMessage && (
        <section aria-label="Error" className="mt-6 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <h2 className="font-semibold">What went wrong</h2>
          <p className="mt-1">{errorMessage}</p>
          {errorReference && (
            <p className="mt-2">
              Error reference <code>{errorReference}</code> · client id <code>{connection.clientId}</code>{" "}
              <CopyForSupport errorReference={errorReference} clientId={connection.clientId} message={errorMessage} />
            </p>
          )}
          <p className="mt-1 text-xs">Give both to support: the reference finds the failure in the server log, the client id finds the connection at the provider.</p>
        </section>
      )}

      <section aria-label="Actions" className="mt-6 space-y-4 rounded-md border border-slate-200 p-4">
        <AutoSyncToggle connectionId={connection.id} on={connection.autoSync} />
        <div className="flex flex-wrap items-start gap-3">
          {!connection.completed && <ReconsentForm connectionId={connection.id} reason="reconnect" label="Connect again" />}
          {connection.completed && !connection.consentRevokedAt && <ReconsentForm connectionId={connection.id} reason="update_credentials" label="Update Credentials" />}
          {connection.completed && needsUser && !connection.consentRevokedAt && <ReconsentForm connectionId={connection.id} reason="reconnect" label="Reconnect" />}
          <DeleteConnection connectionId={connection.id} institution={connection.institution} revoked={Boolean(connection.consentRevokedAt)} />
        </div>
        <CallBudgetSummary connectionId={connection.id} />
        {fetchAccount && connection.state !== "disconnected" && <FetchTransactionsButton bankAccountId={fetchAccount.id} waitingForCode={connection.state === "waiting_mfa"} />}
        <p className="text-xs text-slate-500">
          Accounts: {connection.accounts.map((a) => `${a.name} (${a.syncEnabled ? "synchronized" : "not synchronized"})`).join(", ") || "none"}
        </p>
      </section>

      <h2 className="mt-8 text-lg font-semibold">Synchronizations</h2>
      <RunsTable runs={runs} />

      <h2 className="mt-8 text-lg font-semibold">Log</h2>
      {log.length === 0 ? <p className="mt-2 text-sm text-slate-600">Nothing happened yet.</p> : (
        <ol aria-label="Connection log" className="mt-2 divide-y divide-slate-100 text-sm">
          {log.map((entry) => (
            <li key={entry.id} className="py-2">
              <span className="text-xs text-slate-500">{formatUtcMinute(entry.at)}</span>{" "}
              <span className={`text-xs font-medium ${LEVEL_TONES[entry.level] ?? ""}`}>{LEVEL_LABELS[entry.level] ?? entry.level}</span>
              {entry.actor || entry.actorEmail ? <span className="text-xs text-slate-500"> · {entry.actor ?? entry.actorEmail}</span> : null}
              <p>{entry.message}{entry.errorReference && <> (<code>{entry.errorReference}</code>)</>}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
