import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { BalanceGap } from "@/lib/balance/history";
import type { BankAccountCard as Card } from "@/lib/bank-accounts/queries";
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import { formatMoney } from "@/lib/money";
import { BalanceGapNotice } from "./balance-gap-notice";

/**
 * A manual (not synchronized) bank account on the dashboard. Synchronized accounts are listed
 * inside their connection's card (./connection-card.tsx), which carries the sync state and Fetch.
 */
export async function BankAccountCard({ account, gap }: { account: Card; gap: BalanceGap | undefined }) {
  const t = await getTranslations("bankAccountCard");
  const locale = await getLocale();
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label={account.name}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <h3 className="font-medium">
            <Link href={`/accounts/${account.id}`} className="hover:text-brand-700">{account.name}</Link>
          </h3>
          <p className="text-sm text-slate-500">
            {account.bankName ?? t("manualAccount")} · {maskAccountNumber(account.accountNumber)}
          </p>
        </div>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{t("notSynchronized")}</span>
      </div>
      <p className="mt-4 text-xl font-semibold tabular-nums">
        {account.balance !== null ? formatMoney(account.balance, account.currency, locale) : "—"}
      </p>
      <BalanceGapNotice bankAccountId={account.id} gap={gap} />
      <Link href={`/accounts/${account.id}/import`} className="mt-4 inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
        {t("importFile")}
      </Link>
    </article>
  );
}
