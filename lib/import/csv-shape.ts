/**
 * Whether the start of a file looks like a bank's CSV export at all: at least two columns
 * and a row that holds a date and an amount. Checked in the browser before the mapping
 * step and again on the server, so junk is refused up front instead of offered for mapping.
 */
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { CSV_DATE_FORMATS, readCsvAmount, readCsvDate } from "./values";

const ROWS_LOOKED_AT = 20;

export function csvShapeProblem(rows: string[][]): StoredMessage | null {
  const filled = rows.filter((row) => row.some((cell) => cell.trim() !== ""));
  if (filled.length === 0) return storedMessage("statementFile.empty");
  if (Math.max(...filled.map((row) => row.length)) < 2) return storedMessage("statementFile.csvSingleColumn");
  const looksLikeLine = (row: string[]) => {
    const dateAt = row.findIndex((cell) => CSV_DATE_FORMATS.some((format) => readCsvDate(cell, format) !== null));
    return dateAt >= 0 && row.some((cell, i) => i !== dateAt && /\d/.test(cell) && (readCsvAmount(cell, ".") !== null || readCsvAmount(cell, ",") !== null));
  };
  if (!filled.slice(0, ROWS_LOOKED_AT + 1).some(looksLikeLine)) {
    return storedMessage("statementFile.csvNoDateAndAmount", { rows: ROWS_LOOKED_AT });
  }
  return null;
}
