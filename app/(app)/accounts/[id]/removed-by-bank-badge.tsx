/**
 * Marks a transaction the bank withdrew after we had imported it (a reversed card payment,
 * a line the bank corrected). The sync never deletes such a line, since it may already be
 * reconciled; this badge is how the user finds it to review.
 */
import { useLocale, useTranslations } from "next-intl";
import { formatDate, toIsoDate } from "@/lib/dates";

export function RemovedByBankBadge({ removedAt }: { removedAt: Date | null }) {
  const t = useTranslations("transactions");
  const locale = useLocale();
  if (!removedAt) return null;
  const when = formatDate(toIsoDate(removedAt), locale);
  return (
    <span
      className="ml-2 inline-block rounded bg-amber-50 px-2 py-0.5 align-middle text-xs font-medium text-amber-800"
      title={t("removedByBankHelp", { date: when })}
    >
      {t("removedByBank")}
    </span>
  );
}
