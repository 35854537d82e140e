import { describe, expect, it } from "vitest";
import { decodeStatement } from "./detect";
import { parseOfx } from "./ofx";
import { hasSamples, readFixture, readSample, total } from "./testing/samples";

describe.skipIf(!hasSamples)("parseOfx on real banks' files (../shared/statements)", () => {
  it("reads an OFX 1.02 SGML file with unclosed leaf tags (New Zealand savings)", () => {
    const [statement, ...rest] = parseOfx(readSample("ofx102-sgml-nz-savings.ofx"));
    expect(rest).toHaveLength(0);
    expect(statement!.account).toEqual({ accountNumber: "1234567-00", currency: "NZD" });
    const lines = statement!.lines;
    expect(lines).toHaveLength(5);
    expect(total(lines)).toBe("-173.11");
    expect(lines.map((l) => l.bookingDate).sort()).toEqual(expect.arrayContaining(["2012-01-04", "2012-09-28"]));
    expect(lines[0]).toMatchObject({ fileTransactionId: "20120928.0", bookingDate: "2012-09-28", amount: "19.90", description: "Credit Interest Paid", partnerName: null });
    expect(lines.find((l) => l.fileTransactionId === "201209071")).toMatchObject({ amount: "-71.99", partnerName: "Transfer", description: "Debit Transfer: Postage" });
  });

  it("reads a file that mixes closed and unclosed tags (Banque Populaire)", () => {
    const [statement] = parseOfx(readSample("ofx102-sgml-banquepopulaire-fr.ofx"));
    expect(statement!.account).toEqual({ accountNumber: "XXXXXXXXXXX", currency: "EUR" });
    expect(statement!.lines).toHaveLength(6);
    expect(total(statement!.lines)).toBe("-53.49");
    expect(statement!.lines.find((l) => l.fileTransactionId === "201600400034BD27")).toMatchObject({ bookingDate: "2016-04-29", amount: "-13.50", reference: "5IIWR0X" });
    const dates = statement!.lines.map((l) => l.bookingDate).sort();
    expect([dates[0], dates.at(-1)]).toEqual(["2016-04-22", "2016-04-29"]);
  });

  it("reads OFX 2.00 XML with CDATA and CRLF (Suncorp)", () => {
    const [statement] = parseOfx(readSample("ofx200-xml-suncorp-au.ofx"));
    expect(statement!.account).toEqual({ accountNumber: "123456789", currency: "AUD" });
    expect(statement!.lines).toEqual([
      expect.objectContaining({ fileTransactionId: "1", bookingDate: "2013-12-15", amount: "-16.85", partnerName: "EFTPOS WDL HANDYWAY ALDI STORE", reference: "0" }),
    ]);
  });

  it("returns each account of a multi-account file with its own lines", () => {
    const statements = parseOfx(readSample("ofx200-xml-uk-multiaccount.ofx"));
    expect(statements.map((s) => [s.account.accountNumber, s.account.currency, s.lines.length, total(s.lines)])).toEqual([
      ["54658222458596", "GBP", 0, "0.00"],
      ["546582659855", "GBP", 2, "496.02"],
      ["21252344525548", "GBP", 1, "18.70"],
    ]);
    expect(total(statements.flatMap((s) => s.lines))).toBe("514.72");
    expect(statements[2]!.lines[0]).toMatchObject({ fileTransactionId: "+201405010000001", bookingDate: "2014-07-01", amount: "18.70" });
  });

  it("refuses a truncated file, naming where it ends", () => {
    expect(() => parseOfx(readSample("broken-truncated.ofx"))).toThrow(/ends at line 57 .*<STMTTRN>.*truncated/);
  });

  it("refuses an amount that parseFloat would read as -7, naming line 65", () => {
    expect(() => parseOfx(readSample("broken-bad-amount.ofx"))).toThrow('Line 65: <TRNAMT> "-7l.99" is not an amount.');
  });
});

describe("parseOfx on hand-made broken files", () => {
  it("refuses a currency that is not ISO 4217", () => {
    expect(() => parseOfx(readFixture("unknown-currency.ofx"))).toThrow(/<CURDEF> "XYZ" is not an ISO 4217 currency/);
  });

  it("refuses a file that is not OFX at all", () => {
    expect(() => parseOfx("Date,Amount\n2024-01-01,5")).toThrow(/not an OFX file/);
  });

  it("refuses an impossible posting date", () => {
    const text = readFixture("unknown-currency.ofx").replace("XYZ", "EUR").replace("<DTPOSTED>20240105", "<DTPOSTED>20240231");
    expect(() => parseOfx(text)).toThrow('Line 31: <DTPOSTED> "20240231" is not a date.');
  });

  it("reads a QFX credit-card statement in Windows-1252, with its accents", () => {
    const text = readFixture("unknown-currency.ofx")
      .replace("XYZ", "EUR")
      .replace(/<(\/?)STMTRS>/g, "<$1CCSTMTRS>")
      .replace(/<(\/?)BANKACCTFROM>/g, "<$1CCACCTFROM>")
      .replace("<NAME>Bakery", "<NAME>Boulangerie Déjà Vu");
    const bytes = Buffer.from(text, "latin1");
    const [statement] = parseOfx(decodeStatement(bytes));
    expect(statement!.account).toEqual({ accountNumber: "987654321", currency: "EUR" });
    expect(statement!.lines).toEqual([expect.objectContaining({ partnerName: "Boulangerie Déjà Vu", amount: "-12.00", bookingDate: "2024-01-05" })]);
  });
});
