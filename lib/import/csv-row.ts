/**
 * One CSV row read with the account's mapping: the server's import and the mapping
 * step's preview in the browser use this same function, so the preview tells the truth.
 */
import type { CsvMapping } from "./csv-mapping";
import { StatementFileError, type ParsedLine } from "./types";
import { isIsoCurrency, negate, readCsvAmount, readCsvDate } from "./values";

/** The line, null for a row the mapping leaves out, or a StatementFileError naming the row. */
export function readCsvRow(row: string[], mapping: CsvMapping, defaultCurrency: string, where: string): ParsedLine | null {
  const cell = (index: number | null): string | null => {
    if (index === null) return null;
    const value = row[index];
    return value === undefined ? null : value.trim();
  };
  if (mapping.skipColumn !== null && mapping.skipValue !== "" && cell(mapping.skipColumn) === mapping.skipValue) return null;

  const rawDate = cell(mapping.dateColumn);
  if (rawDate === null) throw new StatementFileError(`${where}: there is no column ${mapping.dateColumn + 1} (the date); the row has ${row.length} columns.`);
  const bookingDate = readCsvDate(rawDate, mapping.dateFormat);
  if (!bookingDate) throw new StatementFileError(`${where}: "${rawDate}" is not a date in the format ${mapping.dateFormat}.`);

  const amount = readRowAmount(cell, mapping, where);
  const currency = (cell(mapping.currencyColumn) || defaultCurrency).toUpperCase();
  if (!isIsoCurrency(currency)) throw new StatementFileError(`${where}: currency "${currency}" is not an ISO 4217 currency.`);
  return {
    position: where.toLowerCase(),
    fileTransactionId: null,
    bookingDate,
    valueDate: null,
    amount,
    currency,
    description: cell(mapping.descriptionColumn) ?? "",
    partnerName: cell(mapping.partnerColumn) || null,
    partnerAccount: null,
    reference: cell(mapping.referenceColumn) || null,
  };
}

function readRowAmount(cell: (index: number | null) => string | null, mapping: CsvMapping, where: string): string {
  const read = (index: number | null, label: string): string | null => {
    const raw = cell(index);
    if (raw === null || raw === "") return null;
    const amount = readCsvAmount(raw, mapping.decimalSeparator);
    if (amount === null) throw new StatementFileError(`${where}: ${label} "${raw}" is not an amount (decimal mark "${mapping.decimalSeparator}").`);
    return amount;
  };
  if (mapping.amountMode === "single") {
    const amount = read(mapping.amountColumn, "amount");
    if (amount === null) throw new StatementFileError(`${where}: the amount (column ${mapping.amountColumn! + 1}) is empty.`);
    return amount;
  }
  const debit = read(mapping.debitColumn, "debit");
  const credit = read(mapping.creditColumn, "credit");
  if (debit !== null && credit !== null && !/^-?0+(\.0+)?$/.test(debit) && !/^-?0+(\.0+)?$/.test(credit)) {
    throw new StatementFileError(`${where}: both the debit and the credit column hold an amount.`);
  }
  if (debit !== null && !/^-?0+(\.0+)?$/.test(debit)) return debit.startsWith("-") ? debit : negate(debit);
  if (credit !== null) return credit.replace(/^-/, "");
  if (debit !== null) return debit.replace(/^-/, "");
  throw new StatementFileError(`${where}: neither the debit nor the credit column holds an amount.`);
}
