import { describe, expect, it } from "vitest";
import { sumDecimals } from "@/lib/money";
import { parseCamt053 } from "./camt053";
import { hasSamples, readFixture, readSample, total } from "./testing/samples";

describe.skipIf(!hasSamples)("parseCamt053 on real banks' files (../shared/statements)", () => {
  it("splits PostFinance's batches into their 32 transaction details, same total (v04)", () => {
    const [statement] = parseCamt053(readSample("camt053-v04-postfinance-ch.xml"));
    const lines = statement!.lines;
    expect(statement!.account.currency).toBeNull(); // the file has no Acct/Ccy, only Amt Ccy
    expect(lines).toHaveLength(32);
    expect(total(lines)).toBe("537.61");
    expect(new Set(lines.map((l) => l.currency))).toEqual(new Set(["CHF"]));
    expect(sumDecimals(["322152.16", total(lines)])).toBe("322689.77"); // opening + entries = closing balance
    expect(lines[0]).toMatchObject({ fileTransactionId: "20160401001027080060699001000107", bookingDate: "2016-04-30", amount: "-24.00" });
    const batch = lines.filter((l) => l.fileTransactionId?.startsWith("20160530007602769939022000000012/"));
    expect(batch.map((l) => l.amount)).toEqual(["100.00", "50.00", "200.00", "50.00", "100.00", "200.00", "50.00", "100.00", "50.00", "100.00"]);
    expect(batch.every((l) => l.bookingDate === "2016-05-27" && l.valueDate === "2016-05-30")).toBe(true);
    const ids = lines.map((l) => l.fileTransactionId);
    expect(new Set(ids).size).toBe(32); // NtryRef repeats in this file; ids must not
    const dates = lines.map((l) => l.bookingDate).sort();
    expect([dates[0], dates.at(-1)]).toEqual(["2016-04-06", "2016-05-27"]);
  });

  it("keeps an entry in another currency than the account's apart (UBS, v08)", () => {
    const [statement] = parseCamt053(readSample("camt053-v08-ubs-ch.xml"));
    expect(statement!.account).toEqual({ accountNumber: "CH1111111111111111111", currency: "CHF" });
    const lines = statement!.lines;
    expect(lines).toHaveLength(3);
    expect(total(lines.filter((l) => l.currency === "CHF"))).toBe("563.25");
    expect(lines.filter((l) => l.currency === "EUR")).toEqual([expect.objectContaining({ fileTransactionId: "0124571DN6195349", amount: "-20.97" })]);
    expect(lines[0]).toMatchObject({ fileTransactionId: "9999171ZC0173078", amount: "474.40", bookingDate: "2023-06-20", partnerName: "Jon Doe", description: "INVOICE R77561" });
  });

  it("reads a batch whose detail amounts sit in AmtDtls, and a misplaced NtryRef (VR-Bank, v02)", () => {
    const [statement] = parseCamt053(readSample("camt053-v02-vrbank-de.xml"));
    expect(statement!.account).toEqual({ accountNumber: "DE14740618130000033626", currency: "EUR" });
    const lines = statement!.lines;
    expect(lines).toHaveLength(5);
    expect(total(lines)).toBe("-10.00");
    expect(sumDecimals(["33.06", total(lines)])).toBe("23.06");
    expect(lines[0]).toMatchObject({ fileTransactionId: "2013122710583450000", amount: "-2.00", bookingDate: "2013-12-27" });
    expect(lines.slice(3).map((l) => [l.fileTransactionId, l.amount, l.reference])).toEqual([
      ["2013122711513230000/1", "-3.50", "STZV-EtE27122013-11:02-1"],
      ["2013122711513230000/2", "-2.50", "STZV-EtE27122013-11:02-2"],
    ]);
  });

  it("books a batch without details as one line, and keeps an invalid anonymised IBAN (ING, v02)", () => {
    const [statement] = parseCamt053(readSample("camt053-v02-ing-nl-batch.xml"));
    expect(statement!.account).toEqual({ accountNumber: "NL18INGB00012345678", currency: "EUR" });
    const lines = statement!.lines;
    expect(lines.map((l) => [l.bookingDate, l.amount])).toEqual([["2019-05-21", "-4753.74"], ["2019-06-13", "2688.00"], ["2019-06-18", "5000.00"]]);
    expect(total(lines)).toBe("2934.26");
    expect(lines[2]).toMatchObject({ fileTransactionId: "d36e51a0ff7e4561b11c2b1c5d79d9ea", partnerName: "Bedrijf BV" });
  });

  it("refuses month 13 day 40, naming the entry and its line", () => {
    expect(() => parseCamt053(readSample("broken-bad-date.xml"))).toThrow(/^Entry 2 \(line \d+\): <BookgDt><Dt> "2016-13-40" is not a date\.$/);
  });
});

describe("parseCamt053 on hand-made broken files", () => {
  it("refuses XML that does not close, with line and column", () => {
    expect(() => parseCamt053(readFixture("malformed.xml"))).toThrow(/^Line 14, column \d+: the XML is malformed/);
  });

  it("refuses an unknown currency and a missing debit/credit indicator", () => {
    const text = readFixture("malformed.xml").replace("        <AcctSvcrRef>REF-1</AcctSvcrRef>\n", "        <AcctSvcrRef>REF-1</AcctSvcrRef>\n      </Ntry>\n");
    expect(parseCamt053(text)[0]!.lines).toEqual([expect.objectContaining({ amount: "-10.00", fileTransactionId: "REF-1" })]);
    expect(() => parseCamt053(text.replace('Ccy="EUR">10.00', 'Ccy="EUX">10.00'))).toThrow(/Entry 1 \(line 8\): <Amt Ccy="EUX"> is not an ISO 4217 currency/);
    expect(() => parseCamt053(text.replace("DBIT", "MINUS"))).toThrow(/<CdtDbtInd> must be CRDT or DBIT/);
  });

  it("leaves pending entries out: only booked transactions are imported", () => {
    const booked = readFixture("malformed.xml").replace("        <AcctSvcrRef>REF-1</AcctSvcrRef>\n", "        <AcctSvcrRef>REF-1</AcctSvcrRef>\n      </Ntry>\n");
    const pending = booked.replace("<Sts>BOOK</Sts>", "<Sts>PDNG</Sts>");
    expect(parseCamt053(booked)[0]!.lines).toHaveLength(1);
    expect(parseCamt053(pending)[0]!.lines).toHaveLength(0);
  });

  it("refuses a document type declaration (no entity expansion)", () => {
    const bomb = readFixture("malformed.xml").replace("<Document", '<!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<Document');
    expect(() => parseCamt053(bomb)).toThrow("The XML declares a DOCTYPE or entities");
  });
});
