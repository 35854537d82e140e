import { asc, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { syncRuns, transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { BatchedIngest } from "./batched-ingest";
import { BATCH_SIZE, type IngestLine } from "./ingest";

function page(from: number, size: number, bookingDate = "2026-11-02"): IngestLine[] {
  return Array.from({ length: size }, (_, i) => ({
    onlineTransactionId: `t${from + i}`, bookingDate, valueDate: bookingDate, amount: `-${from + i}.25`, currency: "EUR",
    description: "Card payment", partnerName: null, partnerAccount: null, reference: null,
  }));
}

async function target() {
  const { company } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  const [run] = await db.insert(syncRuns).values({ companyId: company.id, trigger: "manual" }).returning();
  return { bankAccountId: account.id, syncRunId: run!.id };
}

describe("BatchedIngest between a provider's pages and the ingest", () => {
  it("writes the first page while the bank is still sending the next, not after a full batch", async () => {
    const into = await target();
    await db.transaction(async (tx) => {
      const writer = new BatchedIngest(tx, into);
      await writer.add(page(0, 100));
      // No further page and no finish yet: the lines are still written. (Read from the writer:
      // a query on `tx` while its COPY runs would be sent into the COPY.)
      await expect.poll(() => writer.counts.inserted, { timeout: 10_000, interval: 50 }).toBe(100);
      expect(await writer.finish()).toEqual({ inserted: 100, skipped: 0, possibleDuplicates: 0 });
    });
  });

  it("waits for the running write when the bank fails mid-read, writes nothing after it, and keeps nothing of the read", async () => {
    const into = await target();
    const bankFailed = new Error("The bank stopped answering");
    const read = db.transaction(async (tx) => {
      const writer = new BatchedIngest(tx, into);
      await writer.add(page(0, 3_000));
      await writer.stop(bankFailed);
      // The write that was running has ended before the transaction rolls back.
      expect(writer.counts.inserted).toBe(3_000);
      await expect(writer.add(page(3_000, 10))).rejects.toBe(bankFailed);
      await expect(writer.finish()).rejects.toBe(bankFailed);
      expect(writer.counts.inserted).toBe(3_000);
      throw bankFailed;
    });
    await expect(read).rejects.toBe(bankFailed);
    const [stored] = await db.select({ lines: count() }).from(transactions).where(eq(transactions.bankAccountId, into.bankAccountId));
    expect(stored!.lines).toBe(0);
  });

  it("stores every line once, in the bank's order, across pages of any size and a history longer than two batches", async () => {
    const into = await target();
    const sizes = [1, 999, BATCH_SIZE + 7, 3, 2 * BATCH_SIZE, 250];
    const sent: IngestLine[] = [];
    const result = await db.transaction(async (tx) => {
      const writer = new BatchedIngest(tx, into);
      for (const size of sizes) {
        const lines = page(sent.length, size);
        sent.push(...lines);
        await writer.add(lines);
      }
      // The bank repeats its last page (a retried request): nothing more is stored.
      await writer.add(page(sent.length - 250, 250));
      return writer.finish();
    });
    const total = sizes.reduce((sum, size) => sum + size, 0);
    expect(result).toEqual({ inserted: total, skipped: 250, possibleDuplicates: 0 });
    const rows = await db.select({ id: transactions.onlineTransactionId }).from(transactions)
      .where(eq(transactions.bankAccountId, into.bankAccountId)).orderBy(asc(transactions.id));
    expect(rows.map((row) => row.id)).toEqual(sent.map((line) => line.onlineTransactionId));
  });

  it("fails the read when a write fails, and the account keeps none of its lines", async () => {
    const into = await target();
    const broken = db.transaction(async (tx) => {
      const writer = new BatchedIngest(tx, into);
      await writer.add(page(0, 10));
      await writer.add(page(10, 10, "2026-02-30"));
      await writer.add(page(20, 10));
      return writer.finish();
    });
    await expect(broken).rejects.toThrow();
    const [stored] = await db.select({ lines: count() }).from(transactions).where(eq(transactions.bankAccountId, into.bankAccountId));
    expect(stored!.lines).toBe(0);
  });
});
