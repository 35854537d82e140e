import { readFileSync } from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { statementImportLines, statementImports, transactions } from "@/db/schema";
import { englishText, showStored } from "@/lib/i18n/stored-message";
import { commitImport } from "./commit";
import { hasSamples, samplesDir } from "./testing/samples";
import { inEnglish, refusalText } from "@/lib/i18n/testing/in-english";
import { importTarget, stageFile } from "./testing/staging";

const mapping = { dateColumn: 0, dateFormat: "YYYY-MM-DD", amountMode: "single", amountColumn: 2, decimalSeparator: ".", descriptionColumn: 1 } as const;

async function nothingWritten() {
  const [lines] = await db.select({ n: count() }).from(transactions);
  const [staged] = await db.select({ n: count() }).from(statementImportLines);
  return lines!.n === 0 && staged!.n === 0;
}

describe("hostile and junk files", () => {
  it("refuses a PNG renamed .ofx before creating an import, naming the line of the first control character", async () => {
    const { actor, account } = await importTarget({ accountNumber: "987654321", currency: "EUR" });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from("IHDR")]);
    expect(inEnglish(await stageFile(actor, account.id, png, { fileName: "logo.ofx" }))).toEqual({
      ok: false, error: expect.stringMatching(/^Line 2: the file holds a control character \(U\+001A\)/),
    });
    expect(await db.select().from(statementImports)).toHaveLength(0);
    expect(await nothingWritten()).toBe(true);
  });

  it("refuses a NUL byte in a cell deep in a large CSV with its line, and marks the import failed (never stuck in parsing)", async () => {
    const { actor, account } = await importTarget({ accountNumber: "987654321", currency: "EUR" });
    const rows = Array.from({ length: 3_000 }, (_, i) => `2024-03-01,Line ${i},${i === 2_499 ? "-1\u0000.00" : "-1.00"}`);
    const result = await stageFile(actor, account.id, `Date,Text,Amount\n${rows.join("\n")}\n`, { csvMapping: mapping });
    expect(inEnglish(result)).toEqual({ ok: false, error: expect.stringMatching(/^Line 2501: the file holds a control character \(U\+0000\)/) });
    const [failed] = await db.select().from(statementImports);
    expect(failed).toMatchObject({ status: "failed", error: refusalText(result), errorKey: "statementFile.at" });
    // Stored as a key beside the English: an Indonesian reader sees the line in their words.
    expect(showStored({ text: failed!.error, key: failed!.errorKey, params: failed!.errorParams }, "id"))
      .toMatch(/^Baris 2501: file ini berisi karakter kontrol \(U\+0000\), yang tidak pernah ada dalam file rekening koran\./);
    expect(await nothingWritten()).toBe(true);
  });

  it.each([
    ["an empty file", "", "The file is empty."],
    ["blank lines only", "\n\n  \n", "The file is empty."],
    ["a single column of prose", "Dear customer\nthank you for banking with us.\nKind regards\n", /^The file has a single column/],
    ["a table without dates or amounts", "name,colour\nalice,red\nbob,blue\n", /^None of the first 20 rows holds a date and an amount/],
  ])("refuses %s before mapping and before creating an import", async (_, text, message) => {
    const { actor, account } = await importTarget({ accountNumber: "987654321", currency: "EUR" });
    expect(inEnglish(await stageFile(actor, account.id, text, { csvMapping: mapping }))).toEqual({ ok: false, error: expect.stringMatching(message) });
    expect(await db.select().from(statementImports)).toHaveLength(0);
  });

  it("turns a preview that runs past its time limit into a failed import with the reason", async () => {
    const { actor, account } = await importTarget({ accountNumber: "987654321", currency: "EUR" });
    const rows = Array.from({ length: 20_000 }, (_, i) => `2024-03-${String((i % 28) + 1).padStart(2, "0")},Line ${i},-${i}.00`);
    const result = await stageFile(actor, account.id, `Date,Text,Amount\n${rows.join("\n")}\n`, { csvMapping: mapping, statementTimeoutMs: 1 });
    expect(inEnglish(result)).toEqual({ ok: false, error: expect.stringMatching(/^The preview took longer than 0 seconds and was stopped; nothing was imported\./) });
    const [failed] = await db.select().from(statementImports);
    expect(failed).toMatchObject({ status: "failed", error: refusalText(result), errorKey: "statementFile.timeoutPreview" });
    expect(await nothingWritten()).toBe(true);
  });

  it("turns a commit that runs past its time limit into a failed import, with nothing imported", async () => {
    const { actor, account } = await importTarget({ accountNumber: "987654321", currency: "EUR" });
    const rows = Array.from({ length: 20_000 }, (_, i) => `2024-03-${String((i % 28) + 1).padStart(2, "0")},Line ${i},-${i}.00`);
    const staged = await stageFile(actor, account.id, `Date,Text,Amount\n${rows.join("\n")}\n`, { csvMapping: mapping });
    if (!staged.ok) throw new Error(englishText(staged.error));
    const result = await commitImport(db, actor, staged.importId, { statementTimeoutMs: 1 });
    expect(inEnglish(result)).toEqual({ ok: false, error: expect.stringMatching(/^The import took longer than 0 seconds and was stopped; nothing was imported\./) });
    const [failed] = await db.select().from(statementImports);
    expect(failed).toMatchObject({ status: "failed" });
    expect(await nothingWritten()).toBe(true);
  });
});

describe.skipIf(!hasSamples)("a real file with a NUL byte", () => {
  it("refuses the Bank of Ireland CSV with a zero byte in a rejected cell, naming its line", async () => {
    const { actor, account } = await importTarget({ accountNumber: "987654321", currency: "EUR" });
    const file = readFileSync(path.join(samplesDir, "csv-boi-ie-debit-credit.csv"), "utf8").split("\n");
    file[5] = file[5]!.replace("2000.0", "2000\u0000.0");
    const boi = { dateColumn: 0, dateFormat: "DD/MM/YYYY", amountMode: "debitCredit", debitColumn: 2, creditColumn: 3, decimalSeparator: ".", descriptionColumn: 1 } as const;
    expect(inEnglish(await stageFile(actor, account.id, file.join("\n"), { csvMapping: boi }))).toEqual({ ok: false, error: expect.stringMatching(/^Line 6: the file holds a control character \(U\+0000\)/) });
  });
});
