import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { copyRows } from "./copy-in";

const COLUMNS = ["bank_account_id", "online_transaction_id", "booking_date", "amount", "currency", "description"];

describe("copyRows", () => {
  it("fails, and its transaction rolls back, when the database refuses the COPY after its last row", async () => {
    const { company } = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, company.id);
    // A foreign key is checked at the end of the statement, after the last row was sent.
    const unknownAccount = randomUUID();
    const copy = db.transaction(async (tx) => {
      await copyRows(tx, "transactions", COLUMNS, [[account.id, "kept-1", "2026-11-01", "1.00", "EUR", "Fine"]]);
      await copyRows(tx, "transactions", COLUMNS, [[unknownAccount, "lost-1", "2026-11-01", "1.00", "EUR", "No such account"]]);
    });
    await expect(copy).rejects.toThrow(/foreign key/);
    const [stored] = await db.select({ lines: count() }).from(transactions).where(eq(transactions.bankAccountId, account.id));
    expect(stored!.lines).toBe(0);
  });

  it("fails on a value PostgreSQL cannot read, with its own message", async () => {
    const { company } = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, company.id);
    const copy = db.transaction((tx) => copyRows(tx, "transactions", COLUMNS, [[account.id, "bad-date", "2026-02-30", "1.00", "EUR", "Feb 30"]]));
    await expect(copy).rejects.toThrow(/date/);
    // The connection is usable again afterwards.
    expect(await db.select({ lines: count() }).from(transactions).where(eq(transactions.bankAccountId, account.id))).toEqual([{ lines: 0 }]);
  });
});
