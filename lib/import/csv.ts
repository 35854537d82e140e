/**
 * Bank CSV exports, read row by row from a stream of text chunks (a 100k-row file never
 * sits in memory as rows) and mapped to transactions with the account's column mapping.
 */
import { Readable } from "node:stream";
import Papa from "papaparse";
import type { CsvMapping } from "./csv-mapping";
import { readCsvRow } from "./csv-row";
import { StatementFileError, type ParsedLine } from "./types";

export async function* parseCsv(chunks: AsyncIterable<string>, mapping: CsvMapping, defaultCurrency: string): AsyncGenerator<ParsedLine> {
  const source = Readable.from(chunks);
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: mapping.delimiter, skipEmptyLines: "greedy" });
  // pipe() does not pass errors on: an upload cut off must end the row loop, not leave it waiting.
  source.on("error", (error) => parser.destroy(error));
  const rows = source.pipe(parser) as AsyncIterable<string[]>;
  let record = 0;
  for await (const row of rows) {
    record += 1;
    if (record === 1 && mapping.hasHeader) continue;
    // Row numbers count the header as row 1, like a spreadsheet.
    const where = `Row ${record}`;
    const line = readCsvRow(row, mapping, defaultCurrency, where);
    if (line) yield line;
  }
  if (record === 0) throw new StatementFileError("The CSV file is empty.");
}
