import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { BankAccountCard as Card } from "@/lib/bank-accounts/queries";
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import { formatDateTime } from "@/lib/dates";
import { showStored } from "@/lib/i18n/stored-message";
import { formatMoney } from "@/lib/money";
import { BalanceGapNotice } from "./balance-gap-notice";
import { CallBudgetLine } from "./call-budget";
import { FetchTransactionsButton } from "./fetch-transactions-button";
import { ReconsentButton } from "./reconsent-button";

const RUN_STATES = ["succeeded", "running", "waiting_mfa", "rate_limited", "failed"] as const;
type RunState = (typeof RUN_STATES)[number];

function isRunState(status: string): status is RunState {
  return (RUN_STATES as readonly string[]).includes(status);
}

export async function BankAccountCard({ account }: { account: Card }) {
  const t = await getTranslations("bankAccountCard");
  const locale = await getLocale();
  const lastRunMessage = showStored({ text: account.lastRunMessage, key: account.lastRunErrorKey, params: account.lastRunErrorParams }, locale);
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label={account.name}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="font-medium">
            <Link href={`/accounts/${account.id}`} className="hover:text-brand-700">{account.name}</Link>
          </h2>
          <p className="text-sm text-slate-500">
            {account.institutionName ?? account.bankName ?? t("manualAccount")} · {maskAccountNumber(account.accountNumber)}
          </p>
        </div>
        {!account.connectionId && (
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{t("notSynchronized")}</span>
        )}
      </div>
      <p className="mt-4 text-xl font-semibold tabular-nums">
        {account.balance !== null ? formatMoney(account.balance, account.currency, locale) : "—"}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        {account.lastSyncedAt ? t("lastSynchronized", { at: formatDateTime(account.lastSyncedAt, locale) }) : t("neverSynchronized")}
        {account.connectionId && account.lastRunStatus && <> · {isRunState(account.lastRunStatus) ? t(`state.${account.lastRunStatus}`) : account.lastRunStatus}</>}
      </p>
      {account.connectionId && <CallBudgetLine connectionId={account.connectionId} bankAccountId={account.id} showNextRefresh={account.lastRunStatus !== "rate_limited"} />}
      {account.connectionState === "error" ? (
        <div className="mt-2 space-y-2">
          <p className="text-xs text-red-700">{lastRunMessage ?? t("needsAttention")}</p>
          {account.connectionId && <ReconsentButton connectionId={account.connectionId} reason="reconnect" label={t("reconnect")} />}
        </div>
      ) : account.lastRunStatus === "rate_limited" ? (
        <p className="mt-1 text-xs text-amber-700">
          {account.lastRunRetryAfter ? t("nextRefreshAt", { at: formatDateTime(account.lastRunRetryAfter, locale) }) : lastRunMessage}
        </p>
      ) : account.lastRunStatus === "failed" && lastRunMessage ? (
        <p className="mt-1 text-xs text-red-700">{lastRunMessage}</p>
      ) : null}
      <BalanceGapNotice bankAccountId={account.id} />
      {account.connectionId && account.syncEnabled && account.connectionState !== "error" && (
        <FetchTransactionsButton bankAccountId={account.id} waitingForCode={account.lastRunStatus === "waiting_mfa"} />
      )}
    </article>
  );
}
