import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { englishText, renderStoredMessage } from "@/lib/i18n/stored-message";
import { parseCsv } from "./csv";
import { guessCsvMapping } from "./guess-mapping";
import { chunksOf, hasSamples, readSample, total } from "./testing/samples";

const rowsOf = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: "greedy" }).data;

async function readAll(text: string) {
  const { mapping } = guessCsvMapping(rowsOf(text));
  const lines = [];
  for await (const line of parseCsv(chunksOf(text), mapping, "EUR")) lines.push(line);
  return lines;
}

describe.skipIf(!hasSamples)("guessCsvMapping on real exports", () => {
  it("recognises Bank of Ireland's debit and credit columns and day-first dates", () => {
    const { mapping, reasons } = guessCsvMapping(rowsOf(readSample("csv-boi-ie-debit-credit.csv")));
    expect(mapping).toMatchObject({ dateColumn: 0, dateFormat: "DD/MM/YYYY", amountMode: "debitCredit", debitColumn: 2, creditColumn: 3, decimalSeparator: ".", descriptionColumn: 1 });
    expect(reasons.map(englishText)).toContain("Date format DD/MM/YYYY: it reads all 27 dates of the first rows (“13/09/2017” rules out MM/DD/YYYY).");
  });

  it("reads Sparkasse's export as the bank booked it: Verwendungszweck as description, decimal comma, pending rows left out", async () => {
    const text = readSample("csv-sparkasse-de-camtv2.csv");
    const { mapping, reasons } = guessCsvMapping(rowsOf(text));
    expect(mapping).toMatchObject({
      dateColumn: 1, dateFormat: "DD.MM.YY", amountMode: "single", amountColumn: 14, decimalSeparator: ",", currencyColumn: 15, partnerColumn: 11,
      descriptionColumn: 4, referenceColumn: 7, skipColumn: 16, skipValue: "Umsatz vorgemerkt",
    });
    expect(reasons.map(englishText)).toEqual(expect.arrayContaining([
      "Description: the column “Verwendungszweck”.",
      "Decimal comma: amounts like “-99,80”.",
      "Rows whose “Info” is “Umsatz vorgemerkt” are left out: they are pending, not booked.",
    ]));
    const lines = await readAll(text);
    expect(lines).toHaveLength(7);
    expect(total(lines)).toBe("332.51");
  });

  it("recognises Schwab's month-first dates and withdrawal/deposit columns", () => {
    expect(guessCsvMapping(rowsOf(readSample("csv-schwab-us.csv"))).mapping).toMatchObject({
      dateFormat: "MM/DD/YYYY", amountMode: "debitCredit", debitColumn: 5, creditColumn: 6, descriptionColumn: 4, skipColumn: null,
    });
  });
});

describe("guessCsvMapping on Dutch, French and Indonesian headers", () => {
  it("reads a Dutch export (Datum, Bedrag, Omschrijving) with a decimal comma in the data", async () => {
    const text = "Datum;Naam;Bedrag;Omschrijving\n13-01-2024;Albert Heijn;-2,56;Boodschappen\n14-01-2024;Werkgever BV;2500,00;Salaris januari\n";
    const { mapping, reasons } = guessCsvMapping(rowsOf(text));
    expect(mapping).toMatchObject({ dateColumn: 0, dateFormat: "DD-MM-YYYY", amountColumn: 2, decimalSeparator: ",", descriptionColumn: 3, partnerColumn: 1 });
    expect(reasons.map(englishText)).toContain("Decimal comma: amounts like “-2,56”.");
    expect((await readAll(text)).map((l) => [l.bookingDate, l.amount, l.description])).toEqual([
      ["2024-01-13", "-2.56", "Boodschappen"], ["2024-01-14", "2500.00", "Salaris januari"],
    ]);
  });

  it("reads a French export (Date, Libellé, Montant) with day-first dates", async () => {
    const text = "Date;Libellé;Montant;Devise\n28/02/2024;CB CARREFOUR;-45,10;EUR\n01/03/2024;VIR SALAIRE;1 850,00;EUR\n";
    expect(guessCsvMapping(rowsOf(text)).mapping).toMatchObject({ dateColumn: 0, dateFormat: "DD/MM/YYYY", amountColumn: 2, decimalSeparator: ",", descriptionColumn: 1, currencyColumn: 3 });
    expect(total(await readAll(text))).toBe("1804.90");
  });

  it("reads an Indonesian export (Tanggal, Keterangan, Jumlah) and leaves out rows still pending", async () => {
    const text = "Tanggal,Keterangan,Jumlah,Status\n2024-05-02,Transfer masuk,1500000.00,Berhasil\n2024-05-03,Pembayaran listrik,-250000.00,Tertunda\n2024-05-03,Biaya admin,-6500.00,Berhasil\n";
    const { mapping, reasons } = guessCsvMapping(rowsOf(text));
    expect(mapping).toMatchObject({ dateColumn: 0, dateFormat: "YYYY-MM-DD", amountColumn: 2, decimalSeparator: ".", descriptionColumn: 1, skipColumn: 3, skipValue: "Tertunda" });
    expect(total(await readAll(text))).toBe("1493500.00");
    // The reasons speak the reader's language: an Indonesian accountant reads why each column was chosen.
    expect(reasons.map((reason) => renderStoredMessage(reason, "id"))).toEqual([
      "Tanggal: kolom “Tanggal”.",
      "Jumlah: kolom “Jumlah”.",
      "Keterangan: kolom “Keterangan”.",
      "Desimal dengan titik: jumlah seperti “1500000.00”.",
      "Format tanggal YYYY-MM-DD: format ini dapat membaca seluruh 3 tanggal pada baris-baris pertama.",
      "Baris dengan “Status” berisi “Tertunda” tidak diimpor: transaksinya masih tertunda, belum dibukukan.",
    ]);
  });

  it("reads German Buchungstag/Betrag/Verwendungszweck over Buchungstext, with thousands points", async () => {
    const text = "Buchungstag;Buchungstext;Verwendungszweck;Betrag\n01.03.2024;Lastschrift;Miete März;-1.250,00\n02.03.2024;Gutschrift;Rechnung 17;99,99\n";
    expect(guessCsvMapping(rowsOf(text)).mapping).toMatchObject({ dateColumn: 0, dateFormat: "DD.MM.YYYY", amountColumn: 3, decimalSeparator: ",", descriptionColumn: 2 });
  });
});
