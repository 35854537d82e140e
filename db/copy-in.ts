/**
 * COPY … FROM STDIN inside a Drizzle transaction: Drizzle has no COPY, so the rows go
 * through the `postgres` driver's own transaction, the connection Drizzle holds.
 */
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TransactionSql } from "postgres";
import type { Tx } from "./client";

function driverTransaction(tx: Tx): TransactionSql {
  const client = (tx._.session as unknown as { client?: TransactionSql }).client;
  if (typeof client?.unsafe !== "function") throw new Error("COPY needs the postgres driver's transaction under Drizzle.");
  return client;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One value in COPY's text format: backslash escapes, \N for null. Most values need none: one test first. */
export function copyField(value: string | null): string {
  if (value === null) return "\\N";
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** Copies `rows` (one array of text values per row, in `columns` order) into `table`. */
export async function copyRows(tx: Tx, table: string, columns: string[], rows: (string | null)[][]): Promise<void> {
  await copyText(tx, table, columns, (function* () {
    // Chunks of 1,000 rows: one string per chunk keeps the stream's overhead low.
    for (let start = 0; start < rows.length; start += 1_000) {
      let chunk = "";
      for (const row of rows.slice(start, start + 1_000)) chunk += row.map(copyField).join("\t") + "\n";
      yield chunk;
    }
  })());
}

/** Copies text already in COPY's text format (whole rows, each ending in a newline) into `table`. */
export async function copyText(tx: Tx, table: string, columns: string[], chunks: Iterable<string>): Promise<void> {
  const target = `${table} (${columns.join(", ")})`;
  const writable = await driverTransaction(tx).unsafe(`copy ${target} from stdin`).writable();
  await pipeline(chunks, writable as unknown as Writable);
}
