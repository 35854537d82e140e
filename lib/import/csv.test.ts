import { describe, expect, it } from "vitest";
import { englishText } from "@/lib/i18n/stored-message";
import { csvMappingSchema, type CsvMapping } from "./csv-mapping";
import { boundedChunks, parseCsv } from "./csv";
import { chunksOf, hasSamples, readFixture, readSample, total } from "./testing/samples";
import type { ParsedLine } from "./types";

async function parse(text: string, mapping: Partial<CsvMapping>, currency = "EUR"): Promise<ParsedLine[]> {
  const lines: ParsedLine[] = [];
  for await (const line of parseCsv(chunksOf(text, 97), csvMappingSchema.parse(mapping), currency)) lines.push(line);
  return lines;
}

describe.skipIf(!hasSamples)("parseCsv on real banks' exports (../shared/statements)", () => {
  it("reads Sparkasse's ';' and decimal comma export, leaving out the pending rows", async () => {
    const lines = await parse(readSample("csv-sparkasse-de-camtv2.csv"), {
      dateColumn: 1, dateFormat: "DD.MM.YY", amountMode: "single", amountColumn: 14, decimalSeparator: ",",
      descriptionColumn: 4, partnerColumn: 11, referenceColumn: 7, currencyColumn: 15, skipColumn: 16, skipValue: "Umsatz vorgemerkt",
    });
    expect(lines).toHaveLength(7);
    expect(total(lines)).toBe("332.51");
    const dates = lines.map((l) => l.bookingDate).sort();
    expect([dates[0], dates.at(-1)]).toEqual(["2025-12-03", "2025-12-05"]);
    expect(lines.find((l) => englishText(l.position) === "Row 5")).toMatchObject({ amount: "-5.95", partnerName: "Sparkasse", description: "KOSTEN KONTO QUARTAL 01.12.25 - 31.12.25", currency: "EUR" });
    expect(lines.find((l) => englishText(l.position) === "Row 9")).toMatchObject({ bookingDate: "2025-12-03", amount: "119.00", partnerName: "Kunde GmbH" });
  });

  it("reads all ten Sparkasse rows when nothing is left out", async () => {
    const lines = await parse(readSample("csv-sparkasse-de-camtv2.csv"), { dateColumn: 1, dateFormat: "DD.MM.YY", amountMode: "single", amountColumn: 14, decimalSeparator: "," });
    expect([lines.length, total(lines)]).toEqual([10, "-921.27"]);
  });

  it("reads Bank of Ireland's separate debit and credit columns", async () => {
    const lines = await parse(readSample("csv-boi-ie-debit-credit.csv"), {
      dateColumn: 0, dateFormat: "DD/MM/YYYY", amountMode: "debitCredit", debitColumn: 2, creditColumn: 3, decimalSeparator: ".", descriptionColumn: 1,
    });
    expect(lines).toHaveLength(27);
    expect(total(lines)).toBe("-419.61");
    expect(lines[0]).toMatchObject({ bookingDate: "2017-09-01", amount: "428.03", description: "Random Name      GP" });
    expect(lines[1]!.description).toBe("Éáú üüüümlaut!     GP");
    expect(lines.find((l) => englishText(l.position) === "Row 6")).toMatchObject({ bookingDate: "2017-09-04", amount: "-2000.00" });
    expect(lines.at(-1)).toMatchObject({ bookingDate: "2017-09-28", amount: "-818.00" });
  });

  it("reads Schwab's quoted dollar amounts with thousands commas, in USD", async () => {
    const lines = await parse(readSample("csv-schwab-us.csv"), {
      dateColumn: 0, dateFormat: "MM/DD/YYYY", amountMode: "debitCredit", debitColumn: 5, creditColumn: 6, decimalSeparator: ".", descriptionColumn: 4, referenceColumn: 3,
    }, "USD");
    expect(lines.map((l) => [l.bookingDate, l.amount, l.currency])).toEqual([
      ["2022-08-17", "20.00", "USD"], ["2022-08-14", "-103.00", "USD"], ["2022-08-09", "-75.00", "USD"], ["2022-08-04", "-57.27", "USD"],
    ]);
    expect(total(lines)).toBe("-215.27");
    expect(lines[2]).toMatchObject({ reference: "558", description: "Check Paid #558" });
  });

  it("refuses Bank of Ireland's file read with the wrong date format, naming the row", async () => {
    await expect(parse(readSample("csv-boi-ie-debit-credit.csv"), {
      dateColumn: 0, dateFormat: "MM/DD/YYYY", amountMode: "debitCredit", debitColumn: 2, creditColumn: 3, decimalSeparator: ".",
    })).rejects.toThrow('Row 13: "13/09/2017" is not a date in the format MM/DD/YYYY.');
  });
});

describe("parseCsv on hand-made broken files", () => {
  const german = { dateColumn: 0, dateFormat: "DD.MM.YYYY", amountMode: "single", amountColumn: 2, decimalSeparator: ",", descriptionColumn: 1 } as const;

  it("refuses 31 February, naming row 4", async () => {
    await expect(parse(readFixture("bad-date.csv"), german)).rejects.toThrow('Row 4: "31.02.2024" is not a date in the format DD.MM.YYYY.');
  });

  it("refuses an amount with a letter in it, naming row 3", async () => {
    await expect(parse(readFixture("bad-amount.csv"), german)).rejects.toThrow('Row 3: amount "12,5O" is not an amount (decimal mark ",").');
  });

  it("refuses an unknown currency in the currency column", async () => {
    await expect(parse("Date,Amount,Ccy\n2024-01-02,5.00,EUR\n2024-01-03,1.00,EURO\n", { dateColumn: 0, dateFormat: "YYYY-MM-DD", amountMode: "single", amountColumn: 1, decimalSeparator: ".", currencyColumn: 2 }))
      .rejects.toThrow('Row 3: currency "EURO" is not an ISO 4217 currency.');
  });

  it("reads 100,000 rows streamed in small chunks without losing a cent", async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, "0")};Line ${i};-0,01`);
    const lines = await parse(`Date;Text;Amount\n${rows.join("\n")}\n`, { dateColumn: 0, dateFormat: "YYYY-MM-DD", amountMode: "single", amountColumn: 2, decimalSeparator: "," });
    expect([lines.length, total(lines)]).toEqual([100_000, "-1000.00"]);
  });

  it("reads 100,000 rows handed over as one chunk (a whole file at once) in seconds, not an hour", { timeout: 30_000 }, async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, "0")};Line ${i};-0,01`);
    const lines: ParsedLine[] = [];
    const mapping = csvMappingSchema.parse({ dateColumn: 0, dateFormat: "YYYY-MM-DD", amountMode: "single", amountColumn: 2, decimalSeparator: "," });
    for await (const line of parseCsv((async function* () { yield `Date;Text;Amount\n${rows.join("\n")}\n`; })(), mapping, "EUR")) lines.push(line);
    expect([lines.length, total(lines)]).toEqual([100_000, "-1000.00"]);
  });

  it("cuts big chunks into pieces of at most 8 KiB, never inside a surrogate pair", async () => {
    const text = "€".repeat(70_000) + "😀".repeat(40_000);
    const pieces: string[] = [];
    for await (const piece of boundedChunks((async function* () { yield text; })())) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.every((piece) => piece.length <= 8 * 1024 && !/^[\uDC00-\uDFFF]/.test(piece))).toBe(true);
    expect(pieces.join("")).toBe(text);
  });
});
