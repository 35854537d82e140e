"use client";

import { useLocale, useTranslations } from "next-intl";
import { renderStoredMessage, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import type { Locale } from "@/lib/i18n/locales";
import { csvMappingProblem, csvMappingSchema, type CsvMapping } from "@/lib/import/csv-mapping";
import { readCsvRow } from "@/lib/import/csv-row";
import { StatementFileError } from "@/lib/import/types";
import { CSV_DATE_FORMATS } from "@/lib/import/values";
import { CsvPreviewTable } from "./csv-preview-table";

type Props = {
  rows: string[][];
  mapping: CsvMapping;
  /** Why the columns were guessed as they are (null for a mapping remembered from the last import). */
  reasons: StoredMessage[] | null;
  currency: string;
  onChange: (mapping: CsvMapping) => void;
  onSubmit: () => void;
  onCancel: () => void;
};

type ColumnKey = "dateColumn" | "amountColumn" | "debitColumn" | "creditColumn" | "descriptionColumn" | "partnerColumn" | "referenceColumn" | "currencyColumn" | "skipColumn";

/** The CSV mapping step: which column is what, checked against the first rows before the upload. */
export function CsvMappingForm({ rows, mapping, reasons, currency, onChange, onSubmit, onCancel }: Props) {
  const t = useTranslations("csvMapping");
  const locale = useLocale();
  const width = Math.max(0, ...rows.map((row) => row.length));
  const names = Array.from({ length: width }, (_, i) => (mapping.hasHeader && rows[0]?.[i]?.trim()) || t("column", { number: i + 1 }));
  const set = (patch: Partial<CsvMapping>) => onChange({ ...mapping, ...patch });
  const checked = csvMappingSchema.safeParse(mapping);
  const problem = checked.success ? null : renderStoredMessage(csvMappingProblem(checked.error), locale);

  const column = (key: ColumnKey, label: string, optional = true) => (
    <div>
      <label htmlFor={key} className="block text-sm font-medium">{label}</label>
      <select id={key} value={mapping[key] ?? ""} onChange={(e) => set({ [key]: e.target.value === "" ? null : Number(e.target.value) })}
        className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm">
        {optional && <option value="">{t("none")}</option>}
        {names.map((name, i) => <option key={i} value={i}>{name}</option>)}
      </select>
    </div>
  );

  const dataRows = rows.slice(mapping.hasHeader ? 1 : 0, (mapping.hasHeader ? 1 : 0) + 5);
  const firstRow = mapping.hasHeader ? 2 : 1;
  const readings = dataRows.map((row, i) => readRow(row, firstRow + i, mapping, currency, locale, t));
  // When no row reads, uploading would only fail on the server: fix the mapping first.
  const nothingReads = readings.length > 0 && readings.every((reading) => !reading.ok);

  return (
    <section className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
      <h2 className="text-lg font-medium">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      {reasons && reasons.length > 0 && (
        <details className="mt-3 text-sm" open>
          <summary className="cursor-pointer font-medium">{t("why")}</summary>
          <ul className="mt-1 list-disc pl-5 text-slate-600">{reasons.map((reason, i) => <li key={i}>{renderStoredMessage(reason, locale)}</li>)}</ul>
        </details>
      )}
      <label className="mt-4 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={mapping.hasHeader} onChange={(e) => set({ hasHeader: e.target.checked })} /> {t("hasHeader")}
      </label>
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        {column("dateColumn", t("date"), false)}
        <div>
          <label htmlFor="dateFormat" className="block text-sm font-medium">{t("dateFormat")}</label>
          <select id="dateFormat" value={mapping.dateFormat} onChange={(e) => set({ dateFormat: e.target.value as CsvMapping["dateFormat"] })}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            {CSV_DATE_FORMATS.map((format) => <option key={format}>{format}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="decimalSeparator" className="block text-sm font-medium">{t("decimalSeparator")}</label>
          <select id="decimalSeparator" value={mapping.decimalSeparator} onChange={(e) => set({ decimalSeparator: e.target.value as "." | "," })}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value=".">{t("point")}</option>
            <option value=",">{t("comma")}</option>
          </select>
        </div>
        <fieldset className="sm:col-span-3">
          <legend className="text-sm font-medium">{t("amounts")}</legend>
          <label className="mr-6 text-sm"><input type="radio" name="amountMode" checked={mapping.amountMode === "single"} onChange={() => set({ amountMode: "single" })} /> {t("singleAmount")}</label>
          <label className="text-sm"><input type="radio" name="amountMode" checked={mapping.amountMode === "debitCredit"} onChange={() => set({ amountMode: "debitCredit" })} /> {t("debitCredit")}</label>
        </fieldset>
        {mapping.amountMode === "single" ? column("amountColumn", t("amount"), false) : <>{column("debitColumn", t("debit"))}{column("creditColumn", t("credit"))}</>}
        {column("descriptionColumn", t("description"))}
        {column("partnerColumn", t("partner"))}
        {column("referenceColumn", t("reference"))}
        {column("currencyColumn", t("currency", { currency }))}
        {mapping.currencyColumn !== null && (
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" checked={mapping.skipOtherCurrencies} onChange={(e) => set({ skipOtherCurrencies: e.target.checked })} />
            {t("skipOtherCurrencies", { currency })}
          </label>
        )}
        {column("skipColumn", t("leaveOutWhere"))}
        <div>
          <label htmlFor="skipValue" className="block text-sm font-medium">{t("equals")}</label>
          <input id="skipValue" value={mapping.skipValue} onChange={(e) => set({ skipValue: e.target.value })} placeholder={t("skipPlaceholder")}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
      </div>
      <CsvPreviewTable rows={dataRows} names={names} readings={readings.map((reading) => reading.text)} />
      {problem && <p role="alert" className="mt-3 text-sm text-red-700">{problem}</p>}
      {!problem && nothingReads && <p role="alert" className="mt-3 text-sm text-red-700">{t("nothingReads")}</p>}
      <div className="mt-6 flex gap-3">
        <button type="button" disabled={!!problem || nothingReads} onClick={onSubmit}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">{t("upload")}</button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">{t("cancel")}</button>
      </div>
    </section>
  );
}

/** How the server will read a row with this mapping, or why it cannot. */
function readRow(row: string[], number: number, mapping: CsvMapping, currency: string, locale: Locale, t: ReturnType<typeof useTranslations<"csvMapping">>): { ok: boolean; text: string } {
  try {
    const line = readCsvRow(row, mapping, currency, storedMessage("statementFile.where.row", { row: number }));
    if (!line) return { ok: true, text: t("leftOut") };
    if (line.currency !== currency) {
      return { ok: mapping.skipOtherCurrencies, text: mapping.skipOtherCurrencies ? t("leftOutCurrency", { currency: line.currency }) : t("otherCurrency", { lineCurrency: line.currency, currency }) };
    }
    return { ok: true, text: `${line.bookingDate} · ${line.amount} ${line.currency}` };
  } catch (error) {
    // The table shows the row beside it: the fault alone, without "Row 3: ".
    return { ok: false, text: error instanceof StatementFileError ? renderStoredMessage(error.fault, locale) : t("unreadable") };
  }
}
