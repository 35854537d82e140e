import Link from "next/link";
import type { BankAccountCard as Card } from "@/lib/bank-accounts/queries";
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import { formatMoney } from "@/lib/money";
import { BalanceGapNotice } from "./balance-gap-notice";
import { CallBudgetLine } from "./call-budget";
import { FetchTransactionsButton } from "./fetch-transactions-button";
import { ReconsentButton } from "./reconsent-button";

const STATE_LABELS: Record<string, string> = {
  succeeded: "Synchronized",
  running: "Synchronizing…",
  waiting_mfa: "Security code required",
  rate_limited: "Refresh limit reached",
  failed: "Last synchronization failed",
};

export function BankAccountCard({ account }: { account: Card }) {
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label={account.name}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="font-medium">
            <Link href={`/accounts/${account.id}`} className="hover:text-brand-700">{account.name}</Link>
          </h2>
          <p className="text-sm text-slate-500">
            {account.institutionName ?? account.bankName ?? "Manual account"} · {maskAccountNumber(account.accountNumber)}
          </p>
        </div>
        {!account.connectionId && (
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Not synchronized</span>
        )}
      </div>
      <p className="mt-4 text-xl font-semibold tabular-nums">
        {account.balance !== null ? formatMoney(account.balance, account.currency) : "—"}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        {account.lastSyncedAt ? `Last synchronized ${account.lastSyncedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "Never synchronized"}
        {account.connectionId && account.lastRunStatus && <> · {STATE_LABELS[account.lastRunStatus] ?? account.lastRunStatus}</>}
      </p>
      {account.connectionId && <CallBudgetLine connectionId={account.connectionId} bankAccountId={account.id} showNextRefresh={account.lastRunStatus !== "rate_limited"} />}
      {account.connectionState === "error" ? (
        <div className="mt-2 space-y-2">
          <p className="text-xs text-red-700">{account.lastRunMessage ?? "The connection needs attention."}</p>
          {account.connectionId && <ReconsentButton connectionId={account.connectionId} reason="reconnect" label="Reconnect" />}
        </div>
      ) : account.lastRunStatus === "rate_limited" ? (
        <p className="mt-1 text-xs text-amber-700">
          {account.lastRunRetryAfter ? `Next refresh allowed at ${account.lastRunRetryAfter} UTC.` : account.lastRunMessage}
        </p>
      ) : account.lastRunStatus === "failed" && account.lastRunMessage ? (
        <p className="mt-1 text-xs text-red-700">{account.lastRunMessage}</p>
      ) : null}
      <BalanceGapNotice bankAccountId={account.id} />
      {account.connectionId && account.syncEnabled && account.connectionState !== "error" && (
        <FetchTransactionsButton bankAccountId={account.id} waitingForCode={account.lastRunStatus === "waiting_mfa"} />
      )}
    </article>
  );
}
