import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { AccountIngest, ingestTransactions, type IngestLine } from "./ingest";

function line(id: string | null, bookingDate: string, amount: string, description = "Card payment"): IngestLine {
  return { onlineTransactionId: id, bookingDate, valueDate: bookingDate, amount, currency: "EUR", description, partnerName: "Café Central", partnerAccount: null, reference: null };
}

async function setup() {
  const { company } = await createCompanyWithUser(db);
  return createManualBankAccount(db, company.id);
}

const ingest = (bankAccountId: string, lines: IngestLine[]) =>
  db.transaction((tx) => ingestTransactions(tx, { bankAccountId, source: "sync", syncRunId: null, lines }));

describe("ingestTransactions", () => {
  it("inserts once: a re-run of the same lines inserts nothing and keeps amounts exact", async () => {
    const account = await setup();
    const lines = [line("t1", "2026-11-01", "-12.50"), line("t2", "2026-11-02", "1500.00", "Customer payment"), line("t3", "2026-11-02", "-0.01")];
    expect(await ingest(account.id, lines)).toEqual({ inserted: 3, skipped: 0, possibleDuplicates: 0 });
    expect(await ingest(account.id, lines)).toEqual({ inserted: 0, skipped: 3, possibleDuplicates: 0 });
    const rows = await db.select().from(transactions).where(eq(transactions.bankAccountId, account.id)).orderBy(asc(transactions.id));
    expect(rows.map((r) => [r.onlineTransactionId, r.amount])).toEqual([["t1", "-12.5000"], ["t2", "1500.0000"], ["t3", "-0.0100"]]);
  });

  it("stores lines with the same date, amount and currency but different ids, flagged as possible duplicates", async () => {
    const account = await setup();
    await ingest(account.id, [line("coffee-1", "2026-11-03", "-3.50")]);
    const result = await ingest(account.id, [line("coffee-2", "2026-11-03", "-3.50"), line("other", "2026-11-03", "-4.00")]);
    expect(result).toEqual({ inserted: 2, skipped: 0, possibleDuplicates: 2 });
    const rows = await db.select().from(transactions).where(eq(transactions.bankAccountId, account.id)).orderBy(asc(transactions.id));
    expect(rows.map((r) => [r.onlineTransactionId, r.possibleDuplicate])).toEqual([["coffee-1", true], ["coffee-2", true], ["other", false]]);
  });

  it("flags twins that arrive in the same batch, and skips an id repeated within the batch", async () => {
    const account = await setup();
    const result = await ingest(account.id, [line("a", "2026-11-04", "-9.99"), line("b", "2026-11-04", "-9.99"), line("a", "2026-11-04", "-9.99")]);
    expect(result).toEqual({ inserted: 2, skipped: 1, possibleDuplicates: 2 });
  });

  it("leaves a later insert of the same transaction to the trigger's full check, and a sync's writer flags across its pages", async () => {
    const account = await setup();
    await db.transaction(async (tx) => {
      const writer = await AccountIngest.open(tx, { bankAccountId: account.id, source: "sync", syncRunId: null });
      expect(await writer.write([line("p1", "2026-11-07", "-5.00")])).toEqual({ inserted: 1, skipped: 0, possibleDuplicates: 0 });
      // The next page repeats the first page's line and its fingerprint under a new id.
      expect(await writer.write([line("p1", "2026-11-07", "-5.00"), line("p2", "2026-11-07", "-5.00")])).toEqual({ inserted: 1, skipped: 1, possibleDuplicates: 2 });
      // A writer that is not the ingest (here a plain INSERT) does not flag its lines itself.
      await tx.execute(sql`insert into transactions (bank_account_id, booking_date, amount, currency, description)
        values (${account.id}::uuid, '2026-11-08', -6.00, 'EUR', 'Typed'), (${account.id}::uuid, '2026-11-08', -6.00, 'EUR', 'Typed')`);
    });
    const rows = await db.select().from(transactions).where(eq(transactions.bankAccountId, account.id)).orderBy(asc(transactions.id));
    expect(rows.map((r) => [r.onlineTransactionId, r.possibleDuplicate])).toEqual([["p1", true], ["p2", true], [null, true], [null, true]]);
  });

  it("goes on reading the account once a writer that found it empty has written more lines than it remembers", async () => {
    const account = await setup();
    await db.transaction(async (tx) => {
      const writer = await AccountIngest.open(tx, { bankAccountId: account.id, source: "sync", syncRunId: null }, { rememberedLines: 2 });
      await writer.write([line("r1", "2026-11-09", "-1.00"), line("r2", "2026-11-09", "-2.00"), line("r3", "2026-11-09", "-3.00")]);
      // Past its bound the writer asks the database which ids and fingerprints the account has.
      expect(await writer.write([line("r1", "2026-11-09", "-1.00"), line("r4", "2026-11-09", "-2.00")])).toEqual({ inserted: 1, skipped: 1, possibleDuplicates: 2 });
    });
    const rows = await db.select().from(transactions).where(eq(transactions.bankAccountId, account.id)).orderBy(asc(transactions.id));
    expect(rows.map((r) => [r.onlineTransactionId, r.possibleDuplicate])).toEqual([["r1", false], ["r2", true], ["r3", false], ["r4", true]]);
  });

  it("crosses its bound in the middle of one write and reads the account for the rest of it", async () => {
    const account = await setup();
    const lines = Array.from({ length: 2_498 }, (_, i) => line(`g${i}`, "2026-10-01", `-${i + 1}.00`));
    // Past the bound: one line again under its own id, and a twin of another line under a new one.
    lines.push(line("g5", "2026-10-01", "-6.00"), line("twin", "2026-10-01", "-11.00"));
    const result = await db.transaction(async (tx) => {
      const writer = await AccountIngest.open(tx, { bankAccountId: account.id, source: "sync", syncRunId: null }, { rememberedLines: 1_500 });
      return writer.write(lines);
    });
    expect(result).toEqual({ inserted: 2_499, skipped: 1, possibleDuplicates: 2 });
    const flagged = await db.select({ id: transactions.onlineTransactionId }).from(transactions)
      .where(sql`${transactions.bankAccountId} = ${account.id} and ${transactions.possibleDuplicate}`).orderBy(asc(transactions.onlineTransactionId));
    expect(flagged.map((r) => r.id)).toEqual(["g10", "twin"]);
  });

  it("writes nothing of a first write the database refuses halfway, and says why", async () => {
    const account = await setup();
    const lines = Array.from({ length: 2_500 }, (_, i) => line(`h${i}`, "2026-10-02", `-${i + 1}.00`));
    lines[1_700] = line("h1700", "2026-02-30", "-1.00");
    await expect(ingest(account.id, lines)).rejects.toThrow(/date/);
    expect(await db.$count(transactions, eq(transactions.bankAccountId, account.id))).toBe(0);
  });

  it("stores the writer's source, run and file on each line, and the defaults when it has none", async () => {
    const account = await setup();
    const runId = randomUUID();
    const importId = randomUUID();
    await db.transaction((tx) => ingestTransactions(tx, { bankAccountId: account.id, source: "sync", syncRunId: runId, lines: [line("s1", "2026-11-10", "-1.00")] }));
    await db.transaction((tx) => ingestTransactions(tx, { bankAccountId: account.id, source: "file", syncRunId: null, statementImportId: importId, lines: [line("f1", "2026-11-10", "-2.00")] }));
    await ingest(account.id, [line("s2", "2026-11-10", "-3.00")]);
    const rows = await db.select().from(transactions).where(eq(transactions.bankAccountId, account.id)).orderBy(asc(transactions.id));
    expect(rows.map((r) => [r.onlineTransactionId, r.source, r.syncRunId, r.statementImportId])).toEqual([
      ["s1", "sync", runId, null], ["f1", "file", null, importId], ["s2", "sync", null, null],
    ]);
  });

  it("keeps a bank's text exactly as sent, with the characters the staging COPY must escape", async () => {
    const account = await setup();
    const awkward = { ...line("C:\\path\\n-1", "2026-11-06", "-1.00", "Rent\tMarch\r\nline two \\N back\\slash"), partnerName: "\\N", reference: "ref\\t" };
    await ingest(account.id, [awkward, { ...line("nulls", "2026-11-06", "2.00"), partnerName: null, valueDate: null }]);
    const rows = await db.select().from(transactions).where(eq(transactions.bankAccountId, account.id)).orderBy(asc(transactions.id));
    expect(rows.map((r) => [r.onlineTransactionId, r.description, r.partnerName, r.reference, r.valueDate])).toEqual([
      [awkward.onlineTransactionId, awkward.description, "\\N", "ref\\t", "2026-11-06"],
      ["nulls", "Card payment", null, null, null],
    ]);
  });

  it("keeps the same online id on two different accounts apart", async () => {
    const account = await setup();
    const other = await createManualBankAccount(db, account.companyId, { name: "Savings" });
    await ingest(account.id, [line("shared-id", "2026-11-05", "10.00")]);
    expect((await ingest(other.id, [line("shared-id", "2026-11-05", "10.00")])).inserted).toBe(1);
  });

  it("writes more lines than one statement's worth, each batch seeing the lines of the batches before it", async () => {
    const account = await setup();
    // An account that already holds a line is read batch by batch (an empty one is not read at all).
    await ingest(account.id, [line("earlier", "2026-09-01", "5.00")]);
    // 12,000 lines are three statements; the last line repeats the first line's fingerprint.
    const lines = Array.from({ length: 12_000 }, (_, i) => line(`bulk-${i}`, "2026-10-01", `${i}.01`));
    lines.push(line("bulk-twin", "2026-10-01", "0.01"));
    expect(await ingest(account.id, lines)).toEqual({ inserted: 12_001, skipped: 0, possibleDuplicates: 2 });
    expect((await ingest(account.id, lines)).skipped).toBe(12_001);
    const flagged = await db.select({ id: transactions.onlineTransactionId }).from(transactions)
      .where(eq(transactions.possibleDuplicate, true)).orderBy(asc(transactions.id));
    expect(flagged.map((r) => r.id).filter((id) => id?.startsWith("bulk-"))).toEqual(["bulk-0", "bulk-twin"]);
  });

  it("stores texts exactly as the bank sent them, whatever characters they hold", async () => {
    const account = await setup();
    const texts = ["NULL", "", "He said \"hi\", {twice}", "back\\slash", "Zahlung für Müller – 10 €", "tab\there", "line\nbreak", "'; drop table transactions; --"];
    const lines: IngestLine[] = texts.map((text, i) => ({ ...line(`text-${i}`, "2026-11-06", `-${i + 1}.00`, text), partnerName: text, reference: text }));
    lines.push({ ...line(null, "2026-11-06", "-99.00", "No id"), partnerName: null, reference: null, valueDate: null });
    expect((await ingest(account.id, lines)).inserted).toBe(lines.length);
    const rows = await db.select().from(transactions).where(eq(transactions.bankAccountId, account.id)).orderBy(asc(transactions.id));
    expect(rows.map((r) => [r.description, r.partnerName, r.reference])).toEqual([...texts.map((t) => [t, t, t]), ["No id", null, null]]);
    expect(rows.at(-1)).toMatchObject({ onlineTransactionId: null, valueDate: null, amount: "-99.0000" });
  });
});
