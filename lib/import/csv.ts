/**
 * Bank CSV exports, read row by row from a stream of text chunks (a 100k-row file never
 * sits in memory as rows) and mapped to transactions with the account's column mapping.
 */
import { Readable } from "node:stream";
import Papa from "papaparse";
import type { CsvMapping } from "./csv-mapping";
import { readCsvRow } from "./csv-row";
import { storedMessage } from "@/lib/i18n/stored-message";
import { StatementFileError, type ParsedLine } from "./types";

export async function* parseCsv(chunks: AsyncIterable<string>, mapping: CsvMapping, defaultCurrency: string): AsyncGenerator<ParsedLine> {
  const source = Readable.from(boundedChunks(chunks));
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: mapping.delimiter, skipEmptyLines: "greedy" });
  // pipe() does not pass errors on: an upload cut off must end the row loop, not leave it waiting.
  source.on("error", (error) => parser.destroy(error));
  const rows = source.pipe(parser) as AsyncIterable<string[]>;
  let record = 0;
  for await (const row of rows) {
    record += 1;
    if (record === 1 && mapping.hasHeader) continue;
    // Row numbers count the header as row 1, like a spreadsheet.
    const where = storedMessage("statementFile.where.row", { row: record });
    const line = readCsvRow(row, mapping, defaultCurrency, where);
    if (line) yield line;
  }
  if (record === 0) throw new StatementFileError(storedMessage("statementFile.csvEmpty"));
}

/**
 * Papa Parse's stream waits whenever the row loop is behind, and on each resume reads the
 * rest of its current chunk again from the start (splitting it into lines when the file has
 * no quotes): one 6 MB chunk made a 100,000-row file take an hour to stage. Pieces of
 * at most 8 KiB keep that work small, however the upload was chunked.
 */
export async function* boundedChunks(chunks: AsyncIterable<string>, size = 8 * 1024): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    for (let start = 0; start < chunk.length;) {
      let end = Math.min(start + size, chunk.length);
      // Never between the two halves of a surrogate pair.
      if (end < chunk.length && /[\uD800-\uDBFF]/.test(chunk[end - 1]!)) end -= 1;
      yield chunk.slice(start, end);
      start = end;
    }
  }
}
