/**
 * Whether the start of a file looks like a bank's CSV export at all: at least two columns
 * and a row that holds a date and an amount. Checked in the browser before the mapping
 * step and again on the server, so junk is refused up front instead of offered for mapping.
 */
import { CSV_DATE_FORMATS, readCsvAmount, readCsvDate } from "./values";

const ROWS_LOOKED_AT = 20;

export function csvShapeProblem(rows: string[][]): string | null {
  const filled = rows.filter((row) => row.some((cell) => cell.trim() !== ""));
  if (filled.length === 0) return "The file is empty.";
  if (Math.max(...filled.map((row) => row.length)) < 2) {
    return "The file has a single column: a bank's CSV export has at least a date and an amount. Is this a statement file?";
  }
  const looksLikeLine = (row: string[]) => {
    const dateAt = row.findIndex((cell) => CSV_DATE_FORMATS.some((format) => readCsvDate(cell, format) !== null));
    return dateAt >= 0 && row.some((cell, i) => i !== dateAt && /\d/.test(cell) && (readCsvAmount(cell, ".") !== null || readCsvAmount(cell, ",") !== null));
  };
  if (!filled.slice(0, ROWS_LOOKED_AT + 1).some(looksLikeLine)) {
    return `None of the first ${ROWS_LOOKED_AT} rows holds a date and an amount: this does not look like a bank statement.`;
  }
  return null;
}
