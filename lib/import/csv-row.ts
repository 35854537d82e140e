/**
 * One CSV row read with the account's mapping: the server's import and the mapping
 * step's preview in the browser use this same function, so the preview tells the truth.
 */
import type { CsvMapping } from "./csv-mapping";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { faultAt, StatementFileError, type ParsedLine } from "./types";
import { isIsoCurrency, negate, readCsvAmount, readCsvDate } from "./values";

/** The line, null for a row the mapping leaves out, or a StatementFileError naming the row. */
export function readCsvRow(row: string[], mapping: CsvMapping, defaultCurrency: string, where: StoredMessage): ParsedLine | null {
  const fault = (problem: StoredMessage) => new StatementFileError(faultAt(where, problem));
  const cell = (index: number | null): string | null => {
    if (index === null) return null;
    const value = row[index];
    return value === undefined ? null : value.trim();
  };
  if (mapping.skipColumn !== null && mapping.skipValue !== "" && cell(mapping.skipColumn) === mapping.skipValue) return null;

  const rawDate = cell(mapping.dateColumn);
  if (rawDate === null) throw fault(storedMessage("statementFile.noDateColumn", { column: mapping.dateColumn + 1, columns: row.length }));
  const bookingDate = readCsvDate(rawDate, mapping.dateFormat);
  if (!bookingDate) throw fault(storedMessage("statementFile.notADateInFormat", { value: rawDate, format: mapping.dateFormat }));

  const amount = readRowAmount(cell, mapping, fault);
  const currency = (cell(mapping.currencyColumn) || defaultCurrency).toUpperCase();
  if (!isIsoCurrency(currency)) throw fault(storedMessage("statementFile.currencyNotIso", { currency }));
  return {
    position: where,
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

function readRowAmount(cell: (index: number | null) => string | null, mapping: CsvMapping, fault: (problem: StoredMessage) => StatementFileError): string {
  const read = (index: number | null, column: "amount" | "debit" | "credit"): string | null => {
    const raw = cell(index);
    if (raw === null || raw === "") return null;
    const amount = readCsvAmount(raw, mapping.decimalSeparator);
    if (amount === null) throw fault(storedMessage(`statementFile.notAnAmountIn.${column}`, { value: raw, mark: mapping.decimalSeparator }));
    return amount;
  };
  if (mapping.amountMode === "single") {
    const amount = read(mapping.amountColumn, "amount");
    if (amount === null) throw fault(storedMessage("statementFile.amountEmpty", { column: mapping.amountColumn! + 1 }));
    return amount;
  }
  const debit = read(mapping.debitColumn, "debit");
  const credit = read(mapping.creditColumn, "credit");
  if (debit !== null && credit !== null && !/^-?0+(\.0+)?$/.test(debit) && !/^-?0+(\.0+)?$/.test(credit)) {
    throw fault(storedMessage("statementFile.debitAndCredit"));
  }
  if (debit !== null && !/^-?0+(\.0+)?$/.test(debit)) return debit.startsWith("-") ? debit : negate(debit);
  if (credit !== null) return credit.replace(/^-/, "");
  if (debit !== null) return debit.replace(/^-/, "");
  throw fault(storedMessage("statementFile.neitherDebitNorCredit"));
}
