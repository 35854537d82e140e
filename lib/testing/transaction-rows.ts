/** Transactions written straight into a test's database, for services that read or change them. */
import { db } from "@/db/client";
import { transactions } from "@/db/schema";

export type LineSpec = {
  id?: string | null;
  date: string;
  amount: string;
  currency?: string;
  description?: string;
  reconciled?: boolean;
};

/** Inserts the lines on the account and returns their ids, in the given order. */
export async function insertLines(bankAccountId: string, lines: LineSpec[]): Promise<number[]> {
  const rows = await db
    .insert(transactions)
    .values(lines.map((line) => ({
      bankAccountId,
      onlineTransactionId: line.id === undefined ? null : line.id,
      bookingDate: line.date,
      amount: line.amount,
      currency: line.currency ?? "EUR",
      description: line.description ?? "Card payment",
      reconciledAt: line.reconciled ? new Date() : null,
      counterpartLabel: line.reconciled ? "Office supplies" : null,
    })))
    .returning({ id: transactions.id });
  return rows.map((row) => row.id);
}
