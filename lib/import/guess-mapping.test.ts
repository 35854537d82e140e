import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { guessCsvMapping } from "./guess-mapping";
import { hasSamples, readSample } from "./testing/samples";

const rowsOf = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: "greedy" }).data;

describe.skipIf(!hasSamples)("guessCsvMapping", () => {
  it("recognises Bank of Ireland's debit and credit columns and day-first dates", () => {
    expect(guessCsvMapping(rowsOf(readSample("csv-boi-ie-debit-credit.csv")))).toMatchObject({
      dateColumn: 0, dateFormat: "DD/MM/YYYY", amountMode: "debitCredit", debitColumn: 2, creditColumn: 3, decimalSeparator: ".", descriptionColumn: 1,
    });
  });

  it("recognises Sparkasse's German headers, two-digit years and decimal comma", () => {
    expect(guessCsvMapping(rowsOf(readSample("csv-sparkasse-de-camtv2.csv")))).toMatchObject({
      dateColumn: 1, dateFormat: "DD.MM.YY", amountMode: "single", amountColumn: 14, decimalSeparator: ",", currencyColumn: 15, partnerColumn: 11,
    });
  });

  it("recognises Schwab's month-first dates and withdrawal/deposit columns", () => {
    expect(guessCsvMapping(rowsOf(readSample("csv-schwab-us.csv")))).toMatchObject({
      dateFormat: "MM/DD/YYYY", amountMode: "debitCredit", debitColumn: 5, creditColumn: 6, descriptionColumn: 4,
    });
  });
});
