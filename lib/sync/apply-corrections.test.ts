import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { applyCorrections } from "./apply-corrections";
import { ingestTransactions, type IngestLine } from "./ingest";

function line(id: string, amount: string, description: string): IngestLine & { onlineTransactionId: string } {
  return { onlineTransactionId: id, bookingDate: "2026-11-02", valueDate: null, amount, currency: "USD", description, partnerName: null, partnerAccount: null, reference: null };
}

async function accountWith(lines: IngestLine[]) {
  const { company } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  await db.transaction((tx) => ingestTransactions(tx, { bankAccountId: account.id, source: "sync", syncRunId: null, lines }));
  return account;
}

const stored = async (bankAccountId: string) =>
  Object.fromEntries((await db.select().from(transactions).where(eq(transactions.bankAccountId, bankAccountId))).map((t) => [t.onlineTransactionId, t]));

describe("applyCorrections", () => {
  it("gives an unreconciled line the provider's corrected amount and text", async () => {
    const account = await accountWith([line("tip", "-20.00", "UBER *TRIP PENDING"), line("same", "-5.00", "Coffee")]);
    const result = await db.transaction((tx) => applyCorrections(tx, {
      bankAccountId: account.id, lines: [line("tip", "-23.40", "Uber"), line("same", "-5.00", "Coffee")],
    }));
    expect(result).toEqual({ updated: 1, reconciledChanged: 0 });
    const rows = await stored(account.id);
    expect([rows.tip!.amount, rows.tip!.description]).toEqual(["-23.4000", "Uber"]);
    expect(rows.same!.amount).toBe("-5.0000");
  });

  it("leaves a reconciled line as it was booked and counts it", async () => {
    const account = await accountWith([line("booked", "-20.00", "Hotel")]);
    await db.update(transactions).set({ reconciledAt: new Date(), counterpartLabel: "Travel" }).where(eq(transactions.bankAccountId, account.id));
    const result = await db.transaction((tx) => applyCorrections(tx, { bankAccountId: account.id, lines: [line("booked", "-25.00", "Hotel")] }));
    expect(result).toEqual({ updated: 0, reconciledChanged: 1 });
    expect((await stored(account.id)).booked!.amount).toBe("-20.0000");
  });

  it("touches only the account's own lines and ignores ids it never stored", async () => {
    const account = await accountWith([line("mine", "-1.00", "A")]);
    const other = await accountWith([line("mine", "-1.00", "A")]);
    const result = await db.transaction((tx) => applyCorrections(tx, { bankAccountId: account.id, lines: [line("mine", "-2.00", "A"), line("unknown", "-9.00", "B")] }));
    expect(result).toEqual({ updated: 1, reconciledChanged: 0 });
    expect((await stored(other.id)).mine!.amount).toBe("-1.0000");
    expect(Object.keys(await stored(account.id))).toEqual(["mine"]);
  });
});
