import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, companies, connectionEvents, statementImportLines, statementImports, transactionDeletions, transactions } from "@/db/schema";
import { englishText, showStored, type StoredMessage } from "@/lib/i18n/stored-message";
import { sumDecimals } from "@/lib/money";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { insertLines } from "@/lib/testing/transaction-rows";
import { commitImport, discardImport } from "./commit";
import type { CsvMapping } from "./csv-mapping";
import { importProgress } from "./progress";
import { stageStatementFile } from "./stage";
import { inEnglish, refusalText } from "@/lib/i18n/testing/in-english";
import { fixturesDir, hasSamples, samplesDir } from "./testing/samples";

async function* bytesOf(buffer: Buffer, size = 1000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

const sample = (name: string) => readFileSync(path.join(samplesDir, name));
const fixture = (name: string) => readFileSync(path.join(fixturesDir, name));

async function setup(account: { accountNumber: string; currency: string }) {
  const { company, user } = await createCompanyWithUser(db, { role: "user" });
  const bankAccount = await createManualBankAccount(db, company.id, account);
  return { actor: { companyId: company.id, userId: user.id }, account: bankAccount };
}

type Actor = { companyId: string; userId: string };

function stage(actor: Actor, bankAccountId: string, file: Buffer, options: { fileName?: string; csvMapping?: Partial<CsvMapping>; maxBytes?: number } = {}) {
  return stageStatementFile(db, actor, {
    bankAccountId,
    importId: randomUUID(),
    fileName: options.fileName ?? "statement",
    csvMapping: options.csvMapping ?? null,
    body: bytesOf(file),
    maxBytes: options.maxBytes,
  });
}

async function stageAndCommit(actor: Actor, bankAccountId: string, file: Buffer, options: Parameters<typeof stage>[3] = {}) {
  const staged = await stage(actor, bankAccountId, file, options);
  if (!staged.ok) throw new Error(englishText(staged.error));
  return { preview: staged.preview, committed: await commitImport(db, actor, staged.importId) };
}

const accountLines = (bankAccountId: string) =>
  db.select().from(transactions).where(eq(transactions.bankAccountId, bankAccountId)).orderBy(transactions.bookingDate, transactions.id);

async function writes() {
  const [lines] = await db.select({ n: count() }).from(transactions);
  const [staged] = await db.select({ n: count() }).from(statementImportLines);
  return { transactions: lines!.n, staged: staged!.n };
}

const boiMapping = { dateColumn: 0, dateFormat: "DD/MM/YYYY", amountMode: "debitCredit", debitColumn: 2, creditColumn: 3, decimalSeparator: ".", descriptionColumn: 1 } as const;

describe.skipIf(!hasSamples)("statement file import (real samples)", () => {
  it("previews, commits an OFX file atomically, logs it on the account, and a second import adds nothing", async () => {
    const { actor, account } = await setup({ accountNumber: "1234567-00", currency: "NZD" });
    const first = await stageAndCommit(actor, account.id, sample("ofx102-sgml-nz-savings.ofx"), { fileName: "nz.ofx" });
    expect(first.preview).toMatchObject({ total: 5, new: 5, present: 0, possibleDuplicates: 0, locked: 0 });
    expect(first.committed).toEqual({ ok: true, inserted: 5, present: 0, locked: 0, otherCurrencySkipped: 0 });

    const lines = await accountLines(account.id);
    expect(lines).toHaveLength(5);
    expect(sumDecimals(lines.map((l) => l.amount))).toBe("-173.11");
    expect(lines.every((l) => l.source === "file" && l.statementImportId !== null && l.currency === "NZD")).toBe(true);
    expect(lines.map((l) => l.onlineTransactionId)).toContain("201209071");

    // The import's own entry (the balance check may log beside it).
    const [event] = await db.select().from(connectionEvents).where(and(eq(connectionEvents.bankAccountId, account.id), eq(connectionEvents.level, "user_action")));
    expect(event).toMatchObject({ level: "user_action", actorUserId: actor.userId, message: "Imported 5 transactions from the file nz.ofx." });

    const again = await stageAndCommit(actor, account.id, sample("ofx102-sgml-nz-savings.ofx"));
    expect(again.preview).toMatchObject({ total: 5, new: 0, present: 5 });
    expect(again.committed).toMatchObject({ ok: true, inserted: 0, present: 5 });
    expect(await accountLines(account.id)).toHaveLength(5);
  });

  it("takes the account's own statement from a multi-account file and refuses it for another account", async () => {
    const { actor, account } = await setup({ accountNumber: "5465 8265 9855", currency: "GBP" });
    const result = await stageAndCommit(actor, account.id, sample("ofx200-xml-uk-multiaccount.ofx"));
    expect(result.committed).toMatchObject({ inserted: 2 });
    expect(sumDecimals((await accountLines(account.id)).map((l) => l.amount))).toBe("496.02");

    const other = await createManualBankAccount(db, actor.companyId, { accountNumber: "DE89370400440532013000", currency: "GBP" });
    const refused = await stage(actor, other.id, sample("ofx200-xml-uk-multiaccount.ofx"));
    expect(inEnglish(refused)).toEqual({ ok: false, error: expect.stringMatching(/^This file is for account 54658222458596, 546582659855, 21252344525548, not for this bank account/) });
  });

  it("imports a CAMT.053 file's 32 batch details and recognises them on a second import", async () => {
    const { actor, account } = await setup({ accountNumber: "CH0309000000250090342", currency: "CHF" });
    const first = await stageAndCommit(actor, account.id, sample("camt053-v04-postfinance-ch.xml"));
    expect(first.committed).toMatchObject({ inserted: 32 });
    expect(sumDecimals((await accountLines(account.id)).map((l) => l.amount))).toBe("537.61");
    const second = await stage(actor, account.id, sample("camt053-v04-postfinance-ch.xml"));
    expect(second).toMatchObject({ ok: true, preview: { new: 0, present: 32 } });
    expect(await commitImport(db, actor, (second as { importId: string }).importId)).toMatchObject({ ok: true, inserted: 0 });
    expect((await writes()).transactions).toBe(32);
  });

  it("imports a CSV without ids by fingerprint, remembers the mapping, and adds nothing the second time", async () => {
    const { actor, account } = await setup({ accountNumber: "IE29AIBK93115212345678", currency: "EUR" });
    const first = await stageAndCommit(actor, account.id, sample("csv-boi-ie-debit-credit.csv"), { csvMapping: boiMapping });
    expect(first.committed).toMatchObject({ inserted: 27 });
    expect(sumDecimals((await accountLines(account.id)).map((l) => l.amount))).toBe("-419.61");
    const [saved] = await db.select({ csvMapping: bankAccounts.csvMapping }).from(bankAccounts).where(eq(bankAccounts.id, account.id));
    expect(saved!.csvMapping).toMatchObject(boiMapping);

    const again = await stageAndCommit(actor, account.id, sample("csv-boi-ie-debit-credit.csv"), { csvMapping: boiMapping });
    expect(again.preview).toMatchObject({ total: 27, new: 0, present: 27 });
    expect(again.committed).toMatchObject({ inserted: 0 });
    expect(await accountLines(account.id)).toHaveLength(27);
  });

  it("counts new, present, deleted-earlier, possible duplicates and locked lines in the preview, and imports only new ones", async () => {
    const { actor, account } = await setup({ accountNumber: "1234567-00", currency: "NZD" });
    // Already on the account: one by FITID, one synced with another id on the same day and amount.
    await insertLines(account.id, [
      { id: "20120928.0", date: "2012-09-28", amount: "19.90", currency: "NZD" },
      { id: "sync-abc", date: "2012-09-07", amount: "-100.00", currency: "NZD" },
    ]);
    // Deleted earlier by the duplicate tool: must not come back.
    const [deleted] = await insertLines(account.id, [{ id: "201209071", date: "2012-09-07", amount: "-71.99", currency: "NZD" }]);
    await db.insert(transactionDeletions).values({
      companyId: actor.companyId, bankAccountId: account.id, transactionId: deleted!, onlineTransactionId: "201209071",
      bookingDate: "2012-09-07", amount: "-71.99", currency: "NZD", snapshot: {}, reason: "Find Duplicate Transactions",
    });
    await db.delete(transactions).where(eq(transactions.id, deleted!));
    await db.update(companies).set({ lockDate: "2012-03-31" }).where(eq(companies.id, actor.companyId));

    const staged = await stage(actor, account.id, sample("ofx102-sgml-nz-savings.ofx"));
    // 2012-09-28 +19.90 present by id, 2012-09-07 -71.99 deleted earlier, -100.00 possible duplicate of sync-abc,
    // 2012-01-04 on or before the lock date, the remaining one new.
    expect(staged).toMatchObject({ ok: true, preview: { total: 5, present: 2, possibleDuplicates: 1, locked: 1, new: 1, lockDate: "2012-03-31" } });
    const committed = await commitImport(db, actor, (staged as { importId: string }).importId);
    expect(committed).toEqual({ ok: true, inserted: 2, present: 2, locked: 1, otherCurrencySkipped: 0 });
    const lines = await accountLines(account.id);
    expect(lines.map((l) => [l.onlineTransactionId, l.possibleDuplicate])).toEqual([
      ["sync-abc", true],
      ["20120907.0", true],
      ["20120928.0", false],
      ["20120928.1", false],
    ]);
    expect(lines.some((l) => l.bookingDate <= "2012-03-31")).toBe(false);
    // The import's own entry (the balance check may log beside it).
    const [event] = await db.select().from(connectionEvents).where(and(eq(connectionEvents.bankAccountId, account.id), eq(connectionEvents.level, "user_action")));
    expect(event!.message).toBe("Imported 2 transactions from the file statement (2 already present, 1 on or before the lock date 2012-03-31 skipped).");
    // The log line is stored as a key: an Indonesian reader sees it in their words, the lock date as they write it.
    expect(showStored({ text: event!.message, key: event!.messageKey, params: event!.messageParams }, "id"))
      .toBe("2 transaksi diimpor dari file statement (2 sudah ada, 1 bertanggal pada atau sebelum tanggal kunci 31/03/2012 dilewati).");
  });

  it("never brings back a synced line deleted earlier when the bank's statement file gives it another id", async () => {
    const { actor, account } = await setup({ accountNumber: "1234567-00", currency: "NZD" });
    // Synced under the aggregator's id, then deleted by hand; the OFX calls it 201209071.
    const [deleted] = await insertLines(account.id, [{ id: "aggregator-7f3e", date: "2012-09-07", amount: "-71.99", currency: "NZD" }]);
    await db.insert(transactionDeletions).values({
      companyId: actor.companyId, bankAccountId: account.id, transactionId: deleted!, onlineTransactionId: "aggregator-7f3e",
      bookingDate: "2012-09-07", amount: "-71.99", currency: "NZD", snapshot: {}, reason: "Deleted by hand",
    });
    await db.delete(transactions).where(eq(transactions.id, deleted!));

    const { preview, committed } = await stageAndCommit(actor, account.id, sample("ofx102-sgml-nz-savings.ofx"));
    expect(preview).toMatchObject({ total: 5, present: 1, new: 4 });
    expect(committed).toEqual({ ok: true, inserted: 4, present: 1, locked: 0, otherCurrencySkipped: 0 });
    expect((await accountLines(account.id)).map((l) => l.amount)).not.toContain("-71.9900");

    // Nor does the same file a second time.
    const again = await stageAndCommit(actor, account.id, sample("ofx102-sgml-nz-savings.ofx"));
    expect(again.committed).toEqual({ ok: true, inserted: 0, present: 5, locked: 0, otherCurrencySkipped: 0 });
  });

  it.each([
    ["broken-truncated.ofx", { accountNumber: "1234567-00", currency: "NZD" }, /ends at line 57 .*truncated/],
    ["broken-bad-amount.ofx", { accountNumber: "1234567-00", currency: "NZD" }, /^Line 65: <TRNAMT> "-7l.99" is not an amount\.$/],
    ["broken-bad-date.xml", { accountNumber: "CH0309000000250090342", currency: "CHF" }, /^Entry 2 \(line \d+\): <BookgDt><Dt> "2016-13-40" is not a date\.$/],
    ["ofx102-sgml-nz-savings.ofx", { accountNumber: "DE89370400440532013000", currency: "NZD" }, /^This file is for account 1234567-00, not for this bank account/],
    ["ofx102-sgml-nz-savings.ofx", { accountNumber: "1234567-00", currency: "EUR" }, /^The statement in this file is in NZD, but this bank account is in EUR\.$/],
  ])("refuses %s without writing anything (%#)", async (file, accountFields, message) => {
    const { actor, account } = await setup(accountFields);
    const result = await stage(actor, account.id, sample(file));
    expect(inEnglish(result)).toEqual({ ok: false, error: expect.stringMatching(message) });
    expect(await writes()).toEqual({ transactions: 0, staged: 0 });
    const [failed] = await db.select().from(statementImports);
    expect(failed).toMatchObject({ status: "failed", error: refusalText(result), errorKey: (result as { error: StoredMessage }).error.key });
  });
});

describe("statement file import (hand-made files)", () => {
  const german = { dateColumn: 0, dateFormat: "DD.MM.YYYY", amountMode: "single", amountColumn: 2, decimalSeparator: ",", descriptionColumn: 1 } as const;

  it.each([
    ["unknown-currency.ofx", null, /<CURDEF> "XYZ" is not an ISO 4217 currency/],
    ["malformed.xml", null, /^Line 14, column \d+: the XML is malformed/],
    ["bad-date.csv", german, /^Row 4: "31.02.2024" is not a date/],
    ["bad-amount.csv", german, /^Row 3: amount "12,5O" is not an amount/],
  ])("refuses %s without writing anything", async (file, csvMapping, message) => {
    const { actor, account } = await setup({ accountNumber: "987654321", currency: "EUR" });
    expect(inEnglish(await stage(actor, account.id, fixture(file), { csvMapping: csvMapping ?? undefined }))).toEqual({ ok: false, error: expect.stringMatching(message) });
    expect(await writes()).toEqual({ transactions: 0, staged: 0 });
  });

  it("refuses a CSV without a mapping and a file over the size limit before creating an import", async () => {
    const { actor, account } = await setup({ accountNumber: "987654321", currency: "EUR" });
    expect(inEnglish(await stage(actor, account.id, fixture("bad-date.csv")))).toMatchObject({ ok: false, error: expect.stringMatching(/^Choose the CSV columns first/) });
    expect(inEnglish(await stage(actor, account.id, Buffer.alloc(5000, 65), { maxBytes: 4000 }))).toEqual({ ok: false, error: "The file is larger than 0 MB; split it into smaller periods." });
    expect(await db.select().from(statementImports)).toHaveLength(0);
  });

  it("marks an upload cut off mid-file as failed and keeps none of its lines", async () => {
    const { actor, account } = await setup({ accountNumber: "987654321", currency: "EUR" });
    const rows = Array.from({ length: 5_000 }, (_, i) => `2024-03-01;Line ${i};-1,00`).join("\n");
    async function* cutOff(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`Date;Text;Amount\n${rows}\n`);
      throw new Error("socket hang up");
    }
    const importId = randomUUID();
    const reason = "The upload was interrupted or the file could not be read; nothing was imported.";
    expect(inEnglish(await stageStatementFile(db, actor, { bankAccountId: account.id, importId, fileName: "cut.csv", csvMapping: { ...german, dateFormat: "YYYY-MM-DD" }, body: cutOff() })))
      .toEqual({ ok: false, error: reason });
    expect(await importProgress(db, actor.companyId, importId)).toMatchObject({ status: "failed", error: reason, errorKey: "statementFile.interrupted" });
    expect(await writes()).toEqual({ transactions: 0, staged: 0 });
  });

  it("shows progress, then discards: the staged lines go and nothing is imported", async () => {
    const { actor, account } = await setup({ accountNumber: "987654321", currency: "EUR" });
    const rows = Array.from({ length: 4_500 }, (_, i) => `2024-03-${String((i % 28) + 1).padStart(2, "0")};Line ${i};-1,${String(i % 100).padStart(2, "0")}`);
    const staged = await stage(actor, account.id, Buffer.from(`Date;Text;Amount\n${rows.join("\n")}\n`), {
      csvMapping: { ...german, dateFormat: "YYYY-MM-DD" },
    });
    if (!staged.ok) throw new Error(englishText(staged.error));
    expect(staged.preview.total).toBe(4_500);
    expect(await importProgress(db, actor.companyId, staged.importId)).toEqual({ status: "previewed", processedLines: 4_500, totalLines: 4_500, error: null, errorKey: null, errorParams: null });
    expect(await discardImport(db, actor, staged.importId)).toEqual({ ok: true });
    expect(await writes()).toEqual({ transactions: 0, staged: 0 });
    expect(inEnglish(await commitImport(db, actor, staged.importId))).toEqual({ ok: false, error: "This import cannot be committed any more; upload the file again." });
  });

  it("closes an import left on its preview for more than a day when the account's next import starts", async () => {
    const { actor, account } = await setup({ accountNumber: "987654321", currency: "EUR" });
    const ofx = Buffer.from(fixture("unknown-currency.ofx").toString().replace("XYZ", "EUR"));
    const left = await stage(actor, account.id, ofx);
    if (!left.ok) throw new Error(englishText(left.error));
    await db.update(statementImports).set({ createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) }).where(eq(statementImports.id, left.importId));
    const recent = await stage(actor, account.id, ofx);
    if (!recent.ok) throw new Error(englishText(recent.error));
    expect(await importProgress(db, actor.companyId, left.importId)).toMatchObject({ status: "discarded", error: "Neither imported nor cancelled within a day." });
    expect(await db.select({ importId: statementImportLines.importId }).from(statementImportLines)).toEqual([{ importId: recent.importId }]);
    expect(await commitImport(db, actor, recent.importId)).toMatchObject({ ok: true, inserted: 1 });
  });

  it("keeps companies apart: another company's account, import and progress are not found", async () => {
    const { actor, account } = await setup({ accountNumber: "987654321", currency: "EUR" });
    const ofx = fixture("unknown-currency.ofx").toString().replace("XYZ", "EUR");
    const staged = await stage(actor, account.id, Buffer.from(ofx));
    if (!staged.ok) throw new Error(englishText(staged.error));
    const { company, user } = await createCompanyWithUser(db);
    const stranger = { companyId: company.id, userId: user.id };
    expect(inEnglish(await stage(stranger, account.id, Buffer.from(ofx)))).toEqual({ ok: false, error: "No such bank account." });
    expect(inEnglish(await commitImport(db, stranger, staged.importId))).toEqual({ ok: false, error: "No such import." });
    expect(inEnglish(await discardImport(db, stranger, staged.importId))).toMatchObject({ ok: false });
    expect(await importProgress(db, stranger.companyId, staged.importId)).toBeNull();
    expect(await commitImport(db, actor, staged.importId)).toMatchObject({ ok: true, inserted: 1 });
  });
});
