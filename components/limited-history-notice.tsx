import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDate } from "@/lib/dates";

/**
 * A bank keeps only `historyDays` days of history: what could not be read from it, and
 * where older lines come from instead (a statement file, through Import file).
 */
export async function LimitedHistoryNotice({ kind, institution, historyDays, from, accounts }: {
  /** "first_sync": after the first synchronization; "search": a Find Missing search that started earlier. */
  kind: "first_sync" | "search";
  institution: string;
  historyDays: number;
  /** The oldest date read, or searchable. */
  from: string;
  accounts: { id: string; name: string }[];
}) {
  const t = await getTranslations("limitedHistory");
  const date = formatDate(from, await getLocale());
  return (
    <section role="note" aria-label={t("label")} className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p>
        {kind === "first_sync" ? t("firstSync", { institution, days: historyDays, date }) : t("search", { institution, days: historyDays, date })}{" "}
        {t("olderFromFile")}
      </p>
      <p className="mt-1 flex flex-wrap gap-3">
        {accounts.map((account) => (
          <Link key={account.id} href={`/accounts/${account.id}/import`} className="font-medium text-brand-700 hover:underline">
            {accounts.length === 1 ? t("importFile") : t("importFileInto", { account: account.name })}
          </Link>
        ))}
      </p>
    </section>
  );
}
