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
  const copy = driverTransaction(tx).unsafe(`copy ${target} from stdin`);
  const refused = refusal(copy as unknown as { reject: (error: unknown) => void });
  const writable = await copy.writable();
  await Promise.race([pipeline(chunks, writable as unknown as Writable), refused]);
}

/**
 * The error of a COPY the database refuses after its last row was sent (a foreign key or a
 * constraint checked at the end of the statement, a bad value in the last chunk). The
 * postgres driver (3.4) then never finishes the writable, so the pipeline would wait
 * forever and the transaction would never roll back (porsager/postgres#1173): the error
 * reaches only the query's own reject, whose promise ignores it once it has handed over
 * the stream. It is taken from there. A pipeline left waiting holds nothing but its chunks.
 */
function refusal(copy: { reject: (error: unknown) => void }): Promise<never> {
  const refused = new Promise<never>((_, reject) => {
    const passOn = copy.reject;
    copy.reject = (error: unknown) => {
      reject(error);
      passOn(error);
    };
  });
  // Seen by the race above when it matters; a COPY that succeeds never rejects it.
  refused.catch(() => {});
  return refused;
}
