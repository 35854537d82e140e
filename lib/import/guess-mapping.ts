/**
 * A first CSV mapping for an account that has none yet: columns recognised by their
 * header (English and German bank words), the date format and decimal mark that read
 * the first rows. The user checks it in the mapping step.
 */
import type { CsvMapping } from "./csv-mapping";
import { CSV_DATE_FORMATS, readCsvAmount, readCsvDate } from "./values";

const HEADERS: [keyof CsvMapping, RegExp][] = [
  ["dateColumn", /^(booking ?date|date|posted|transaction date|buchungstag|buchungsdatum|datum)$/i],
  ["debitColumn", /^(debit|withdrawal|withdrawals|money out|paid out|soll|ausgang)/i],
  ["creditColumn", /^(credit|deposit|deposits|money in|paid in|haben|eingang)/i],
  ["amountColumn", /^(amount|betrag|umsatz|value|sum)/i],
  ["descriptionColumn", /^(description|details|memo|narrative|verwendungszweck|text|buchungstext)/i],
  ["partnerColumn", /^(payee|name|partner|counterparty|beguenstigter|begünstigter|empfänger|auftraggeber)/i],
  ["referenceColumn", /^(reference|ref|check ?number|kundenreferenz)/i],
  ["currencyColumn", /^(currency|ccy|waehrung|währung)$/i],
];

export function guessCsvMapping(rows: string[][]): CsvMapping {
  const header = rows[0] ?? [];
  const data = rows.slice(1, 21);
  const find = (key: keyof CsvMapping): number | null => {
    const pattern = HEADERS.find(([k]) => k === key)![1];
    const index = header.findIndex((name) => pattern.test(name.trim()));
    return index >= 0 ? index : null;
  };
  const dateColumn = find("dateColumn") ?? 0;
  const debitColumn = find("debitColumn");
  const creditColumn = find("creditColumn");
  const amountColumn = find("amountColumn");
  const amountMode = amountColumn === null && debitColumn !== null && creditColumn !== null ? "debitCredit" : "single";
  const amountCells = data.flatMap((row) => [amountColumn, debitColumn, creditColumn].map((i) => (i === null ? "" : row[i] ?? ""))).filter(Boolean);
  const decimalSeparator = amountCells.some((cell) => /,\d{1,2}$/.test(cell.trim())) ? "," : ".";
  const dates = data.map((row) => row[dateColumn] ?? "").filter(Boolean);
  const dateFormat = CSV_DATE_FORMATS.find((format) => dates.length > 0 && dates.every((d) => readCsvDate(d, format))) ?? "YYYY-MM-DD";
  return {
    delimiter: "",
    hasHeader: true,
    dateColumn,
    dateFormat,
    amountMode,
    amountColumn: amountMode === "single" ? (amountColumn ?? 1) : null,
    debitColumn,
    creditColumn,
    decimalSeparator: amountCells.every((cell) => readCsvAmount(cell, decimalSeparator) !== null) ? decimalSeparator : ".",
    descriptionColumn: find("descriptionColumn"),
    partnerColumn: find("partnerColumn"),
    referenceColumn: find("referenceColumn"),
    currencyColumn: find("currencyColumn"),
    skipColumn: null,
    skipValue: "",
  };
}
