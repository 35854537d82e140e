/**
 * Lines in another currency than the bank account's: refused with their position (the
 * whole file is left unimported), or, when the user chose so for a CSV with a currency
 * column, left out and counted.
 */
import { storedMessage } from "@/lib/i18n/stored-message";
import { faultAt, StatementFileError, type ParsedLine } from "./types";

export type CurrencyFilter = { accountCurrency: string; skipOthers: boolean; skipped: number };

export async function* inAccountCurrency(lines: Iterable<ParsedLine> | AsyncIterable<ParsedLine>, filter: CurrencyFilter): AsyncGenerator<ParsedLine> {
  for await (const line of lines) {
    if (line.currency === filter.accountCurrency) {
      yield line;
    } else if (filter.skipOthers) {
      filter.skipped += 1;
    } else {
      const problem = storedMessage("statementFile.lineCurrency", { currency: line.currency, accountCurrency: filter.accountCurrency });
      throw new StatementFileError(faultAt(line.position, problem));
    }
  }
}
