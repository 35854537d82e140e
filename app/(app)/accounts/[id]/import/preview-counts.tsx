import { useLocale, useTranslations } from "next-intl";
import { formatDate } from "@/lib/dates";
import type { ImportPreview } from "@/lib/import/preview";

/** What committing the file would do, line by line counted. */
export function PreviewCounts({ preview }: { preview: ImportPreview }) {
  const t = useTranslations("importPreview");
  const locale = useLocale();
  // The first column names the test id, the same in every language.
  const rows: [string, string, number, string][] = [
    ["new", t("new"), preview.new, t("newHint")],
    ["already-present", t("present"), preview.present, t("presentHint")],
    ["possible-duplicates", t("possibleDuplicates"), preview.possibleDuplicates, t("possibleDuplicatesHint")],
  ];
  if (preview.locked > 0) rows.push(["locked", t("locked"), preview.locked, t("lockedHint", { date: preview.lockDate ? formatDate(preview.lockDate, locale) : "" })]);
  return (
    <>
      <dl className={`mt-4 grid gap-3 ${rows.length > 3 ? "sm:grid-cols-4" : "sm:grid-cols-3"}`}>
        {rows.map(([id, label, value, hint]) => (
          <div key={id} className="rounded-lg border border-slate-200 p-3">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`preview-${id}`}>{value}</dd>
            <dd className="text-xs text-slate-500">{hint}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-slate-600">{t("total", { count: preview.total })}</p>
      {preview.otherCurrencySkipped > 0 && (
        <p className="mt-1 text-sm text-slate-600">{t("otherCurrency", { count: preview.otherCurrencySkipped })}</p>
      )}
    </>
  );
}
