/**
 * Two writers at once (a scheduled sync and a "Fetch Transactions", or a sync and a file
 * import) ingesting overlapping lines into one account: every line ends up there once.
 */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { BATCH_SIZE, ingestTransactions, type IngestLine } from "./ingest";

function line(id: string, bookingDate: string, amount: string): IngestLine {
  return { onlineTransactionId: id, bookingDate, valueDate: bookingDate, amount, currency: "EUR", description: "Card payment", partnerName: null, partnerAccount: null, reference: null };
}

/** Lines `from` to `to - 1`, spread over November, each with its own amount. */
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => line(`tx-${from + i}`, `2026-11-${String(1 + ((from + i) % 28)).padStart(2, "0")}`, `-${from + i}.25`));

// Two real coffees of the same day without a bank id: the adapter numbers them by occurrence.
const coffees = [line("fp:2026-11-03:-3.50:1", "2026-11-03", "-3.50"), line("fp:2026-11-03:-3.50:2", "2026-11-03", "-3.50")];

describe("ingestTransactions with two concurrent writers", () => {
  it("stores each line exactly once when both write overlapping batches at the same time", async () => {
    const { company } = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, company.id);
    // More than a batch each, overlapping by more than a batch, the coffees in both.
    const first = [...range(0, 2 * BATCH_SIZE), ...coffees];
    const second = [...coffees, ...range(BATCH_SIZE, 3 * BATCH_SIZE)].reverse();

    // Both transactions are open before either writes, so neither sees the other's lines
    // until it commits: the unique index is what decides.
    let arrived = 0;
    let release!: () => void;
    const bothOpen = new Promise<void>((resolve) => (release = resolve));
    const writer = (lines: IngestLine[]) => db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      if (++arrived === 2) release();
      await bothOpen;
      return ingestTransactions(tx, { bankAccountId: account.id, source: "sync", syncRunId: null, lines });
    });
    const [a, b] = await Promise.all([writer(first), writer(second)]);

    const expected = 3 * BATCH_SIZE + coffees.length;
    expect(a.inserted + b.inserted).toBe(expected);
    expect(a.inserted + a.skipped).toBe(first.length);
    expect(b.inserted + b.skipped).toBe(second.length);
    const [stored] = await db.select({ lines: sql<number>`count(*)::int`, ids: sql<number>`count(distinct ${transactions.onlineTransactionId})::int` })
      .from(transactions).where(eq(transactions.bankAccountId, account.id));
    expect(stored).toEqual({ lines: expected, ids: expected });
    const storedCoffees = await db.select({ id: transactions.onlineTransactionId }).from(transactions)
      .where(sql`${transactions.bankAccountId} = ${account.id} and ${transactions.amount} = -3.5`);
    expect(storedCoffees.map((c) => c.id).sort()).toEqual(coffees.map((c) => c.onlineTransactionId));
  });
});
