import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import type { BalanceGap } from "@/lib/balance/history";
import { budgetStatus } from "@/lib/call-budget/status";
import { accountSearchText, type ConnectionGroup } from "@/lib/dashboard/groups";
import { formatDateTime } from "@/lib/dates";
import { showStored } from "@/lib/i18n/stored-message";
import { providerLabel } from "@/lib/providers/catalog";
import { AccountLine } from "./account-line";
import { Filtered } from "./account-filter";
import { BetaNotice } from "./beta-notice";
import { CallBudgetLine } from "./call-budget";
import { FetchTransactionsButton } from "./fetch-transactions-button";
import { NextSyncLine } from "./next-sync";
import { ReconsentButton } from "./reconsent-button";

const RUN_STATES = ["succeeded", "running", "waiting_mfa", "rate_limited", "failed"] as const;
type RunState = (typeof RUN_STATES)[number];

function isRunState(status: string): status is RunState {
  return (RUN_STATES as readonly string[]).includes(status);
}

/**
 * One bank connection on the dashboard: the bank, its provider, the state of its newest
 * synchronization and one Fetch Transactions (a fetch synchronizes every account of the
 * connection), with its accounts listed inside.
 */
export async function ConnectionCard({ group, gaps }: { group: ConnectionGroup; gaps: Map<string, BalanceGap> }) {
  const t = await getTranslations("bankAccountCard");
  const locale = await getLocale();
  // One read per connection, shared by its accounts: no query per account.
  const budget = await budgetStatus(db, { connectionId: group.connectionId, now: new Date() });
  const showNextRefresh = group.lastRunStatus !== "rate_limited";
  // Stored as a catalogue key where the run had one: shown in the reader's language.
  const lastRunMessage = showStored({ text: group.lastRunMessage, key: group.lastRunErrorKey, params: group.lastRunErrorParams }, locale);
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label={group.institutionName}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="font-medium">{group.institutionName}</h2>
          <p className="text-sm text-slate-500">{t("viaProvider", { provider: providerLabel(group.provider) })}</p>
        </div>
        {group.beta && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t("beta")}</span>}
      </header>
      {group.beta && <BetaNotice />}
      <p className="mt-2 text-xs text-slate-500">
        {group.lastSyncedAt ? t("lastSynchronized", { at: formatDateTime(group.lastSyncedAt, locale) }) : t("neverSynchronized")}
        {group.lastRunStatus && <> · {isRunState(group.lastRunStatus) ? t(`state.${group.lastRunStatus}`) : group.lastRunStatus}</>}
      </p>
      {budget?.scope === "connection" && <CallBudgetLine entry={budget.entries[0] ?? null} showNextRefresh={showNextRefresh} />}
      <NextSyncLine connectionId={group.connectionId} />
      {group.state === "error" ? (
        <div className="mt-2 space-y-2">
          <p className="text-xs text-red-700">{lastRunMessage ?? t("needsAttention")}</p>
          <ReconsentButton connectionId={group.connectionId} reason="reconnect" label={t("reconnect")} />
        </div>
      ) : group.lastRunStatus === "rate_limited" ? (
        <p className="mt-1 text-xs text-amber-700">
          {group.lastRunRetryAfter ? t("nextRefreshAt", { at: formatDateTime(group.lastRunRetryAfter, locale) }) : lastRunMessage}
        </p>
      ) : group.lastRunStatus === "failed" && lastRunMessage ? (
        <p className="mt-1 text-xs text-red-700">{lastRunMessage}</p>
      ) : null}
      <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-100" aria-label={t("accountsOf", { bank: group.institutionName })}>
        {group.accounts.map((account) => (
          <Filtered key={account.id} as="li" texts={[accountSearchText(account)]} className="py-3">
            <AccountLine account={account} gap={gaps.get(account.id)}
              budget={budget?.scope === "account" ? budget.entries.find((entry) => entry.bankAccountId === account.id) ?? null : null}
              showNextRefresh={showNextRefresh} />
          </Filtered>
        ))}
      </ul>
      {group.fetchAccountId && group.state !== "error" && (
        <FetchTransactionsButton bankAccountId={group.fetchAccountId} connectionId={group.connectionId} waitingForCode={group.lastRunStatus === "waiting_mfa"} running={group.lastRunStatus === "running"} />
      )}
    </article>
  );
}
