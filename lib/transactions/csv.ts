/**
 * CSV export of an account's transactions (RFC 4180: comma separated, CRLF line ends,
 * fields quoted when they hold a comma, quote or line break). Amounts are written exactly
 * as stored, as decimal strings.
 */
import "server-only";
import type { Db } from "@/db/client";
import { allTransactions, type AccountScope, type TransactionRow } from "./list";
import type { TransactionFilter } from "./query-params";

export const CSV_HEADER = ["Date", "Value date", "Description", "Partner", "Partner account", "Reference", "Amount", "Currency", "Reconciled"];

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Text from the bank can start with "=" or "+" and would run as a formula when the file is
 * opened in a spreadsheet; a leading apostrophe keeps it text (OWASP "CSV injection").
 */
export function csvText(value: string | null): string {
  const text = value ?? "";
  return csvField(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

export function csvLine(fields: string[]): string {
  return `${fields.join(",")}\r\n`;
}

export function transactionCsvLine(row: TransactionRow): string {
  return csvLine([
    row.bookingDate,
    row.valueDate ?? "",
    csvText(row.description),
    csvText(row.partnerName),
    csvText(row.partnerAccount),
    csvText(row.reference),
    row.amount,
    csvField(row.currency),
    row.reconciledAt ? "yes" : "no",
  ]);
}

/**
 * The whole export as a stream: a byte-order mark (so spreadsheet programs read UTF-8),
 * the header row, then the rows batch by batch, newest first.
 */
export function transactionsCsvStream(db: Db, scope: AccountScope, filter: TransactionFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = allTransactions(db, scope, filter);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(CSV_HEADER.map(csvField))}`));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map(transactionCsvLine).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
