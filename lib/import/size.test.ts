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

  it("commits 30,000 OFX lines that share dates and amounts but carry distinct FITIDs without flagging them against each other", { timeout: 300_000 }, async () => {
    const { actor, account } = await importTarget({ accountNumber: "DE02120300000000202051", currency: "EUR" });
    const transactionsXml = Array.from({ length: 30_000 }, (_, i) =>
      `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>2023${String((i % 12) + 1).padStart(2, "0")}01<TRNAMT>-${i % 50}.50<FITID>F-${i}<NAME>Shop ${i}</STMTTRN>`).join("\n");
    const ofx = `OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>DE02120300000000202051</BANKACCTFROM>
<BANKTRANLIST>\n${transactionsXml}\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`;
    const { preview, committed } = await stageAndCommitFile(actor, account.id, ofx);
    expect(preview).toMatchObject({ total: 30_000, new: 30_000, possibleDuplicates: 0 });
    expect(committed).toMatchObject({ ok: true, inserted: 30_000 });
    const [flagged] = await db.select({ n: sql<number>`count(*) filter (where ${transactions.possibleDuplicate})::int` }).from(transactions).where(eq(transactions.bankAccountId, account.id));
    expect(flagged!.n).toBe(0);
  });
});
