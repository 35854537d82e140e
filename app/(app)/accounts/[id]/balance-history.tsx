import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { BalanceChart } from "@/components/balance-chart";
import { requireMembership } from "@/lib/auth/membership";
import { balanceHistory, openingBalanceOf } from "@/lib/balance/history";
import { formatMoney } from "@/lib/money";
import { OpeningBalanceForm } from "./opening-balance-form";

/** The account page's "Balance check" section: the bank's balance and ours over time. */
export async function BalanceHistory({ companyId, bankAccountId, currency, synchronized }: {
  companyId: string;
  bankAccountId: string;
  currency: string;
  synchronized: boolean;
}) {
  const [membership, points, opening] = await Promise.all([
    requireMembership(),
    balanceHistory(db, companyId, bankAccountId),
    openingBalanceOf(db, companyId, bankAccountId),
  ]);
  const t = await getTranslations("balanceCheck");
  const locale = await getLocale();
  const chartCurrency = points[points.length - 1]?.currency ?? currency;

  return (
    <section aria-labelledby="balance-check-heading" className="mt-8 rounded-xl border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="balance-check-heading" className="text-lg font-medium">{t("title")}</h2>
        {opening !== null && opening !== undefined && (
          <p className="text-sm text-slate-600">{t("openingBalance")} <span className="tabular-nums">{formatMoney(opening, chartCurrency, locale)}</span></p>
        )}
      </div>
      {points.length > 0 ? (
        <div className="mt-4">
          <BalanceChart points={points} currency={chartCurrency} />
        </div>
      ) : (
        <p className="mt-2 max-w-xl text-sm text-slate-600">
          {synchronized
            ? t("noChecks")
            : t("notSynchronized")}
        </p>
      )}
      {membership.role === "admin" && opening !== undefined && <OpeningBalanceForm bankAccountId={bankAccountId} current={opening} />}
    </section>
  );
}
