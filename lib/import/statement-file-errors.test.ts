/**
 * A bad file's reason in the reader's language: the parsers' refusals are catalogue
 * messages whose line numbers and element names are parameters, so an Indonesian
 * accountant reads where the file is wrong in Indonesian, and the English stays as it was.
 */
import { describe, expect, it } from "vitest";
import { englishText, renderStoredMessage, storedMessage } from "@/lib/i18n/stored-message";
import { inAccountCurrency } from "./account-currency";
import { parseCamt053 } from "./camt053";
import { refuseControlCharacters } from "./control-characters";
import { csvMappingProblem, csvMappingSchema } from "./csv-mapping";
import { readCsvRow } from "./csv-row";
import { parseOfx } from "./ofx";
import { pickStatement } from "./pick-statement";
import { timeoutMessage } from "./planner";
import { StatementFileError } from "./types";

function refusal(read: () => unknown): StatementFileError {
  try {
    read();
  } catch (error) {
    if (error instanceof StatementFileError) return error;
    throw error;
  }
  throw new Error("The file was accepted");
}

async function refusalOf(read: () => Promise<unknown>): Promise<StatementFileError> {
  try {
    await read();
  } catch (error) {
    if (error instanceof StatementFileError) return error;
    throw error;
  }
  throw new Error("The file was accepted");
}

const truncatedOfx = `OFXHEADER:100
DATA:OFXSGML

<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>
<CURDEF>IDR
<BANKACCTFROM><ACCTID>1234567890
</BANKACCTFROM>
<BANKTRANLIST>
<STMTTRN><TRNTYPE>DEBIT
<DTPOSTED>20250105
<TRNAMT>-250000.50
`;

describe("statement file errors in the reader's language", () => {
  it("names the line of a control character", () => {
    const error = refusal(() => refuseControlCharacters("Tanggal,Jumlah\n2025-01-05,-250000.50\n2025-01-06,\u0000\n"));
    expect(error.message).toBe("Line 3: the file holds a control character (U+0000), which a statement file never does. Is this a binary file, or a damaged export?");
    expect(renderStoredMessage(error.reason, "id"))
      .toBe("Baris 3: file ini berisi karakter kontrol (U+0000), yang tidak pernah ada dalam file rekening koran. Apakah ini file biner, atau ekspor yang rusak?");
  });

  it("lists the elements a truncated OFX file leaves open, with their lines", () => {
    const error = refusal(() => parseOfx(truncatedOfx));
    expect(error.message).toBe(
      "The file ends at line 12 before these elements are closed: <OFX> (line 4), <BANKMSGSRSV1> (line 4), <STMTTRNRS> (line 4), <STMTRS> (line 4), <BANKTRANLIST> (line 8), <STMTTRN> (line 9). It looks truncated.",
    );
    expect(renderStoredMessage(error.reason, "id")).toBe(
      "File berakhir di baris 12 sebelum elemen berikut ditutup: <OFX> (baris 4), <BANKMSGSRSV1> (baris 4), <STMTTRNRS> (baris 4), <STMTRS> (baris 4), <BANKTRANLIST> (baris 8), <STMTTRN> (baris 9). File ini tampaknya terpotong.",
    );
  });

  it("refuses a line in another currency than the account's, naming the row", async () => {
    const mapping = csvMappingSchema.parse({ dateColumn: 0, dateFormat: "YYYY-MM-DD", amountMode: "single", amountColumn: 1, decimalSeparator: ".", currencyColumn: 2 });
    const line = readCsvRow(["2025-01-05", "-12.50", "USD"], mapping, "IDR", storedMessage("statementFile.where.row", { row: 7 }));
    const error = await refusalOf(async () => {
      const kept = [];
      for await (const read of inAccountCurrency([line!], { accountCurrency: "IDR", skipOthers: false, skipped: 0 })) kept.push(read);
      return kept;
    });
    expect(error.message).toBe("Row 7: the amount is in USD, but this bank account is in IDR. Nothing was imported.");
    expect(renderStoredMessage(error.reason, "id")).toBe("Baris 7: jumlahnya dalam USD, sedangkan rekening bank ini dalam IDR. Tidak ada yang diimpor.");
  });

  it("refuses a statement in another currency than the account's", () => {
    const statement = { account: { accountNumber: "1234567890", currency: "EUR" }, lines: [], closingBalance: null };
    const error = refusal(() => pickStatement([statement], { accountNumber: "1234567890", currency: "IDR" }));
    expect(renderStoredMessage(error.reason, "id")).toBe("Rekening koran dalam file ini dalam EUR, sedangkan rekening bank ini dalam IDR.");
  });

  it("names a CAMT.053 entry and its line, with the element as the file writes it", () => {
    const camt = `<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
<Acct><Id><IBAN>ID0000000000</IBAN></Id><Ccy>IDR</Ccy></Acct>
<Ntry><Amt Ccy="IDR">250000.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-13-40</Dt></BookgDt></Ntry>
</Stmt></BkToCstmrStmt></Document>`;
    const error = refusal(() => parseCamt053(camt));
    expect(error.message).toBe('Entry 1 (line 4): <BookgDt><Dt> "2025-13-40" is not a date.');
    expect(renderStoredMessage(error.reason, "id")).toBe('Entri 1 (baris 4): <BookgDt><Dt> "2025-13-40" bukan tanggal.');
  });

  it("gives the mapping step a row's fault without its position, and the mapping's own problem", () => {
    const mapping = csvMappingSchema.parse({ dateColumn: 0, dateFormat: "DD/MM/YYYY", amountMode: "debitCredit", debitColumn: 1, creditColumn: 2, decimalSeparator: "," });
    const error = refusal(() => readCsvRow(["31/12/2025", "10,00", "5,00"], mapping, "IDR", storedMessage("statementFile.where.row", { row: 2 })));
    expect(error.message).toBe("Row 2: both the debit and the credit column hold an amount.");
    expect(renderStoredMessage(error.fault, "id")).toBe("kolom debit dan kolom kredit sama-sama berisi jumlah.");
    const unchosen = csvMappingSchema.safeParse({ ...mapping, amountMode: "single", amountColumn: null });
    expect(unchosen.success).toBe(false);
    expect(renderStoredMessage(csvMappingProblem(unchosen.error!), "id")).toBe("Pilih kolom jumlah.");
  });

  it("says how long a stopped preview ran", () => {
    expect(englishText(timeoutMessage("preview", 120_000))).toMatch(/^The preview took longer than 120 seconds and was stopped; nothing was imported\./);
    expect(renderStoredMessage(timeoutMessage("import", 120_000), "id")).toMatch(/^Impor memakan waktu lebih dari 120 detik dan dihentikan; tidak ada yang diimpor\./);
  });
});
