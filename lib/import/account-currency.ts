/**
 * Lines in another currency than the bank account's: refused with their position (the
 * whole file is left unimported), or, when the user chose so for a CSV with a currency
 * column, left out and counted.
 */
import { StatementFileError, type ParsedLine } from "./types";

export type CurrencyFilter = { accountCurrency: string; skipOthers: boolean; skipped: number };

export async function* inAccountCurrency(lines: Iterable<ParsedLine> | AsyncIterable<ParsedLine>, filter: CurrencyFilter): AsyncGenerator<ParsedLine> {
  for await (const line of lines) {
    if (line.currency === filter.accountCurrency) {
      yield line;
    } else if (filter.skipOthers) {
      filter.skipped += 1;
    } else {
      const where = line.position.charAt(0).toUpperCase() + line.position.slice(1);
      throw new StatementFileError(`${where}: the amount is in ${line.currency}, but this bank account is in ${filter.accountCurrency}. Nothing was imported.`);
    }
  }
}
