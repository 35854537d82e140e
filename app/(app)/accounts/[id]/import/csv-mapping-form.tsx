"use client";

import { csvMappingSchema, type CsvMapping } from "@/lib/import/csv-mapping";
import { readCsvRow } from "@/lib/import/csv-row";
import { CSV_DATE_FORMATS } from "@/lib/import/values";
import { CsvPreviewTable } from "./csv-preview-table";

type Props = {
  rows: string[][];
  mapping: CsvMapping;
  /** Why the columns were guessed as they are (null for a mapping remembered from the last import). */
  reasons: string[] | null;
  currency: string;
  onChange: (mapping: CsvMapping) => void;
  onSubmit: () => void;
  onCancel: () => void;
};

type ColumnKey = "dateColumn" | "amountColumn" | "debitColumn" | "creditColumn" | "descriptionColumn" | "partnerColumn" | "referenceColumn" | "currencyColumn" | "skipColumn";

/** The CSV mapping step: which column is what, checked against the first rows before the upload. */
export function CsvMappingForm({ rows, mapping, reasons, currency, onChange, onSubmit, onCancel }: Props) {
  const width = Math.max(0, ...rows.map((row) => row.length));
  const names = Array.from({ length: width }, (_, i) => (mapping.hasHeader && rows[0]?.[i]?.trim()) || `Column ${i + 1}`);
  const set = (patch: Partial<CsvMapping>) => onChange({ ...mapping, ...patch });
  const checked = csvMappingSchema.safeParse(mapping);
  const problem = checked.success ? null : checked.error.issues[0]?.message;

  const column = (key: ColumnKey, label: string, optional = true) => (
    <div>
      <label htmlFor={key} className="block text-sm font-medium">{label}</label>
      <select id={key} value={mapping[key] ?? ""} onChange={(e) => set({ [key]: e.target.value === "" ? null : Number(e.target.value) })}
        className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm">
        {optional && <option value="">(none)</option>}
        {names.map((name, i) => <option key={i} value={i}>{name}</option>)}
      </select>
    </div>
  );

  const dataRows = rows.slice(mapping.hasHeader ? 1 : 0, (mapping.hasHeader ? 1 : 0) + 5);
  const readings = dataRows.map((row) => readRow(row, mapping, currency));
  // When no row reads, uploading would only fail on the server: fix the mapping first.
  const nothingReads = readings.length > 0 && readings.every((reading) => !reading.ok);

  return (
    <section className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
      <h2 className="text-lg font-medium">CSV columns</h2>
      <p className="mt-1 text-sm text-slate-600">Tell us what each column holds. The mapping is remembered for this account.</p>
      {reasons && reasons.length > 0 && (
        <details className="mt-3 text-sm" open>
          <summary className="cursor-pointer font-medium">Why these columns</summary>
          <ul className="mt-1 list-disc pl-5 text-slate-600">{reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
        </details>
      )}
      <label className="mt-4 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={mapping.hasHeader} onChange={(e) => set({ hasHeader: e.target.checked })} /> The first row holds column names
      </label>
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        {column("dateColumn", "Date", false)}
        <div>
          <label htmlFor="dateFormat" className="block text-sm font-medium">Date format</label>
          <select id="dateFormat" value={mapping.dateFormat} onChange={(e) => set({ dateFormat: e.target.value as CsvMapping["dateFormat"] })}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            {CSV_DATE_FORMATS.map((format) => <option key={format}>{format}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="decimalSeparator" className="block text-sm font-medium">Decimal separator</label>
          <select id="decimalSeparator" value={mapping.decimalSeparator} onChange={(e) => set({ decimalSeparator: e.target.value as "." | "," })}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value=".">Point (1,234.56)</option>
            <option value=",">Comma (1.234,56)</option>
          </select>
        </div>
        <fieldset className="sm:col-span-3">
          <legend className="text-sm font-medium">Amounts</legend>
          <label className="mr-6 text-sm"><input type="radio" name="amountMode" checked={mapping.amountMode === "single"} onChange={() => set({ amountMode: "single" })} /> One amount column (money out negative)</label>
          <label className="text-sm"><input type="radio" name="amountMode" checked={mapping.amountMode === "debitCredit"} onChange={() => set({ amountMode: "debitCredit" })} /> Debit and credit columns</label>
        </fieldset>
        {mapping.amountMode === "single" ? column("amountColumn", "Amount", false) : <>{column("debitColumn", "Debit (money out)")}{column("creditColumn", "Credit (money in)")}</>}
        {column("descriptionColumn", "Description")}
        {column("partnerColumn", "Partner")}
        {column("referenceColumn", "Reference")}
        {column("currencyColumn", `Currency (otherwise ${currency})`)}
        {mapping.currencyColumn !== null && (
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" checked={mapping.skipOtherCurrencies} onChange={(e) => set({ skipOtherCurrencies: e.target.checked })} />
            Skip lines in other currencies than {currency}
          </label>
        )}
        {column("skipColumn", "Leave out rows where")}
        <div>
          <label htmlFor="skipValue" className="block text-sm font-medium">… equals</label>
          <input id="skipValue" value={mapping.skipValue} onChange={(e) => set({ skipValue: e.target.value })} placeholder="e.g. Pending"
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
      </div>
      <CsvPreviewTable rows={dataRows} names={names} readings={readings.map((reading) => reading.text)} />
      {problem && <p role="alert" className="mt-3 text-sm text-red-700">{problem}</p>}
      {!problem && nothingReads && <p role="alert" className="mt-3 text-sm text-red-700">None of the first rows can be read with these columns: change the mapping first.</p>}
      <div className="mt-6 flex gap-3">
        <button type="button" disabled={!!problem || nothingReads} onClick={onSubmit}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">Upload and preview</button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">Cancel</button>
      </div>
    </section>
  );
}

/** How the server will read a row with this mapping, or why it cannot. */
function readRow(row: string[], mapping: CsvMapping, currency: string): { ok: boolean; text: string } {
  try {
    const line = readCsvRow(row, mapping, currency, "Row");
    if (!line) return { ok: true, text: "left out" };
    if (line.currency !== currency) {
      return { ok: mapping.skipOtherCurrencies, text: mapping.skipOtherCurrencies ? `left out (${line.currency})` : `in ${line.currency}, not ${currency}` };
    }
    return { ok: true, text: `${line.bookingDate} · ${line.amount} ${line.currency}` };
  } catch (error) {
    return { ok: false, text: error instanceof Error ? error.message.replace(/^Row: /, "") : "unreadable" };
  }
}
