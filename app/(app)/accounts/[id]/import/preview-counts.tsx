import type { ImportPreview } from "@/lib/import/preview";
import { countLines } from "@/lib/transactions/count-lines";

/** What committing the file would do, line by line counted. */
export function PreviewCounts({ preview }: { preview: ImportPreview }) {
  const rows: [string, number, string][] = [
    ["New", preview.new, "will be imported"],
    ["Already present", preview.present, "on the account already, or deleted from it earlier: skipped"],
    ["Possible duplicates", preview.possibleDuplicates, "same date, amount and currency as another line: imported and flagged"],
  ];
  if (preview.locked > 0) rows.push(["Locked", preview.locked, `dated on or before the lock date ${preview.lockDate}: skipped`]);
  return (
    <>
      <dl className={`mt-4 grid gap-3 ${rows.length > 3 ? "sm:grid-cols-4" : "sm:grid-cols-3"}`}>
        {rows.map(([label, value, hint]) => (
          <div key={label} className="rounded-lg border border-slate-200 p-3">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`preview-${label.toLowerCase().replace(/ /g, "-")}`}>{value}</dd>
            <dd className="text-xs text-slate-500">{hint}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-slate-600">{preview.total === 1 ? "1 transaction" : `${preview.total} transactions`} in the file for this account.</p>
      {preview.otherCurrencySkipped > 0 && (
        <p className="mt-1 text-sm text-slate-600">{countLines(preview.otherCurrencySkipped)} in other currencies skipped, as chosen.</p>
      )}
    </>
  );
}
