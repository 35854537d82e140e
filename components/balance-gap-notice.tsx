import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { BalanceGap } from "@/lib/balance/history";
import { formatDate } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { transactionsQuery } from "@/lib/transactions/query-params";

/**
 * On a dashboard card: "Balance differs from the bank by X" with a link to the lines
 * booked since the last check that matched. Renders nothing while the balances agree. The
 * dashboard reads every account's gap in one query (lib/balance/gaps) and passes it here.
 */
export async function BalanceGapNotice({ bankAccountId, gap }: { bankAccountId: string; gap: BalanceGap | undefined }) {
  if (!gap) return null;
  const { latest } = gap;
  const t = await getTranslations("balanceGap");
  const locale = await getLocale();
  const money = (amount: string) => formatMoney(amount, latest.currency, locale);
  const query = transactionsQuery({ from: gap.lastMatchThrough, to: latest.linesThrough, text: null });
  return (
    <div className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
      <p className="font-medium">{t("differs", { amount: money(latest.difference.replace(/^-/, "")) })}</p>
      <p className="mt-0.5">{t("bankAndComputed", { bank: money(latest.bankBalance), computed: money(latest.computedBalance) })}</p>
      <Link href={`/accounts/${bankAccountId}${query}`} className="mt-1 inline-block font-medium text-amber-900 underline hover:text-brand-700">
        {gap.lastMatchThrough ? t("reviewSince", { date: formatDate(gap.lastMatchThrough, locale) }) : t("review")}
      </Link>
    </div>
  );
}
