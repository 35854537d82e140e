import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { transactions } from "@/db/schema";
import { createManualBankAccount } from "@/lib/testing/fixtures";
import { generateStatementCsv } from "./testing/generated-csv";
import { importTarget, stageAndCommitFile } from "./testing/staging";

const ROWS = 100_000;
const mapping = { dateColumn: 0, dateFormat: "DD.MM.YYYY", amountMode: "single", amountColumn: 2, decimalSeparator: ",", descriptionColumn: 1, currencyColumn: 3 } as const;

describe("a 100,000-row CSV statement", () => {
  it("is previewed and committed whole into a database that holds other accounts' lines, and a second import adds nothing", { timeout: 300_000 }, async () => {
    const { actor, account } = await importTarget({ accountNumber: "DE02120300000000202051", currency: "EUR" });
    const other = await createManualBankAccount(db, actor.companyId, { accountNumber: "OTHER" });
    await db.execute(sql`
      insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description, source)
      select ${other.id}::uuid, 'o-' || i, date '2022-01-01' + (i % 1095), -(i % 2000) - 0.01, 'EUR', 'other ' || i, 'sync'
      from generate_series(1, 30000) i
    `);
    const csv = generateStatementCsv(ROWS);

    const first = await stageAndCommitFile(actor, account.id, csv.text, { csvMapping: mapping });
    expect(first.preview).toMatchObject({ total: ROWS, present: 0 });
    expect(first.committed).toMatchObject({ ok: true, inserted: ROWS });
    const [totals] = await db.select({ lines: sql<number>`count(*)::int`, sum: sql<string>`sum(${transactions.amount})::numeric(20,2)::text` })
      .from(transactions).where(eq(transactions.bankAccountId, account.id));
    expect(totals).toEqual({ lines: ROWS, sum: csv.sum });

    const again = await stageAndCommitFile(actor, account.id, csv.text, { csvMapping: mapping });
    expect(again.preview).toMatchObject({ total: ROWS, present: ROWS, new: 0 });
    expect(again.committed).toMatchObject({ ok: true, inserted: 0 });
  });
});
