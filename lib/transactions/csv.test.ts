import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { csvField, csvText, transactionsCsvStream } from "./csv";

const noFilter = { from: null, to: null, text: null };

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  // ignoreBOM keeps the byte-order mark, so the test sees every byte the browser gets.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

describe("csv fields", () => {
  it("quotes only what needs quoting and doubles inner quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("Smith, John")).toBe('"Smith, John"');
    expect(csvField('The "Best" Café')).toBe('"The ""Best"" Café"');
    expect(csvField("line one\nline two")).toBe('"line one\nline two"');
    expect(csvField("carriage\rreturn")).toBe('"carriage\rreturn"');
    expect(csvField("")).toBe("");
  });

  it("keeps bank text that looks like a spreadsheet formula as text", () => {
    expect(csvText("=HYPERLINK(\"http://evil\")")).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvText(null)).toBe("");
  });
});

describe("transactionsCsvStream", () => {
  it("streams a header and every filtered row, newest first, with amounts exactly as stored", async () => {
    const { company } = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, company.id);
    const base = { bankAccountId: account.id, currency: "EUR" };
    await db.insert(transactions).values([
      { ...base, bookingDate: "2026-11-01", amount: "-12.5", description: "Coffee, croissant", partnerName: 'Café "Central"' },
      { ...base, bookingDate: "2026-11-02", valueDate: "2026-11-03", amount: "1500.1234", description: "Invoice 42\npaid", reference: "INV-42", reconciledAt: new Date() },
      { ...base, bookingDate: "2026-11-03", amount: "0.0001", description: "Interest" },
      { ...base, bookingDate: "2026-10-01", amount: "-99999999.99", description: "Out of range" },
    ]);

    const csv = await readAll(transactionsCsvStream(db, { companyId: company.id, bankAccountId: account.id }, { ...noFilter, from: "2026-11-01" }));
    expect(csv).toBe(
      "\uFEFFDate,Value date,Description,Partner,Partner account,Reference,Amount,Currency,Reconciled\r\n" +
        "2026-11-03,,Interest,,,,0.0001,EUR,no\r\n" +
        '2026-11-02,2026-11-03,"Invoice 42\npaid",,,INV-42,1500.1234,EUR,yes\r\n' +
        '2026-11-01,,"Coffee, croissant","Café ""Central""",,,-12.5000,EUR,no\r\n',
    );
  });

  it("walks past one batch without losing or repeating rows, and gives only the header for another company", async () => {
    const { company } = await createCompanyWithUser(db);
    const other = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, company.id);
    await db.insert(transactions).values(
      Array.from({ length: 2_345 }, (_, i) => ({
        bankAccountId: account.id, bookingDate: `2026-0${1 + (i % 9)}-15`, amount: `${i}.00`, currency: "EUR", description: `Line ${i}`,
      })),
    );
    const lines = (await readAll(transactionsCsvStream(db, { companyId: company.id, bankAccountId: account.id }, noFilter))).trimEnd().split("\r\n");
    expect(lines).toHaveLength(2_346);
    expect(new Set(lines.slice(1).map((line) => line.split(",")[2])).size).toBe(2_345);

    const foreign = await readAll(transactionsCsvStream(db, { companyId: other.company.id, bankAccountId: account.id }, noFilter));
    expect(foreign.trimEnd().split("\r\n")).toHaveLength(1);
  });
});
