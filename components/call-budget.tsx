/**
 * What is left today of the calls the bank allows, on the dashboard card and the
 * connection page. Renders nothing for a provider without a budget.
 */
import { useLocale, useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { budgetStatus, type BudgetEntry } from "@/lib/call-budget/status";
import { formatDateTime } from "@/lib/dates";

function BudgetText({ entry, showNextRefresh }: { entry: BudgetEntry; showNextRefresh: boolean }) {
  const t = useTranslations("callBudget");
  // In the reader's format, like the refusal of Fetch Transactions on the same card.
  const locale = useLocale();
  return (
    <>
      {entry.dailyLimit !== null && entry.remaining !== null && (
        <span title={t("utcDay")}>{t("callsLeft", { remaining: entry.remaining, limit: entry.dailyLimit })}</span>
      )}
      {showNextRefresh && entry.nextAllowedAt && (
        <span className="block text-amber-700">{t("nextRefresh", { at: formatDateTime(entry.nextAllowedAt, locale) })}</span>
      )}
    </>
  );
}

/**
 * One line of the budget on the dashboard: the connection's, or one account's where the bank
 * counts per account. The dashboard reads each connection's budget once (budgetStatus) for all its accounts.
 */
export async function CallBudgetLine({ entry, showNextRefresh = true }: { entry: BudgetEntry | null; showNextRefresh?: boolean }) {
  if (!entry) return null;
  const t = await getTranslations("callBudget");
  return (
    <p className="mt-1 text-xs text-slate-500" aria-label={t("callsLeftToday")}>
      <BudgetText entry={entry} showNextRefresh={showNextRefresh} />
    </p>
  );
}

/** The connection's budget on its page: one line, or one per account where the provider counts per account. */
export async function CallBudgetSummary({ connectionId }: { connectionId: string }) {
  const status = await budgetStatus(db, { connectionId, now: new Date() });
  if (!status || status.entries.length === 0) return null;
  const t = await getTranslations("callBudget");
  return (
    <section aria-label={t("callsLeftToday")} className="text-sm">
      <h3 className="font-medium">{t("callsToBank")}</h3>
      <ul className="mt-1 space-y-1 text-slate-600">
        {status.entries.map((entry) => (
          <li key={entry.bankAccountId ?? "connection"}>
            {entry.accountName && <span className="font-medium text-slate-700">{entry.accountName}: </span>}
            <BudgetText entry={entry} showNextRefresh />
          </li>
        ))}
      </ul>
    </section>
  );
}
