import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { BalanceGap } from "@/lib/balance/history";
import type { BankAccountCard } from "@/lib/bank-accounts/queries";
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import type { BudgetEntry } from "@/lib/call-budget/status";
import { formatMoney } from "@/lib/money";
import { BalanceGapNotice } from "./balance-gap-notice";
import { CallBudgetLine } from "./call-budget";

/** One account inside its connection's card: name, the end of its number, balance; the bank is the card's title. */
export async function AccountLine({ account, gap, budget, showNextRefresh }: {
  account: BankAccountCard; gap: BalanceGap | undefined; budget: BudgetEntry | null; showNextRefresh: boolean;
}) {
  const t = await getTranslations("bankAccountCard");
  const locale = await getLocale();
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3">
        <div className="min-w-0">
          <Link href={`/accounts/${account.id}`} className="font-medium hover:text-brand-700">{account.name}</Link>
          <span className="ml-2 text-sm text-slate-500">{maskAccountNumber(account.accountNumber)}</span>
          {!account.syncEnabled && <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{t("notSynchronized")}</span>}
        </div>
        <span className="whitespace-nowrap font-semibold tabular-nums">
          {account.balance !== null ? formatMoney(account.balance, account.currency, locale) : "—"}
        </span>
      </div>
      <CallBudgetLine entry={budget} showNextRefresh={showNextRefresh} />
      <BalanceGapNotice bankAccountId={account.id} gap={gap} />
    </div>
  );
}
