import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { balanceChecks, bankAccounts, connectionEvents, statementImports, transactions } from "@/db/schema";
import { sumDecimals } from "@/lib/money";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { hasSamples, samplesDir } from "./testing/samples";
import { importTarget, stageAndCommitFile, stageFile } from "./testing/staging";

const sample = (name: string) => readFileSync(path.join(samplesDir, name));
const accountLines = (bankAccountId: string) => db.select().from(transactions).where(eq(transactions.bankAccountId, bankAccountId)).orderBy(transactions.id);

describe.skipIf(!hasSamples)("real statements: currencies, batches, duplicate flags and closing balances", () => {
  it("refuses UBS's statement whose third entry is in EUR on a CHF account, naming the entry, and imports nothing", async () => {
    const { actor, account } = await importTarget({ accountNumber: "CH1111111111111111111", currency: "CHF" });
    const result = await stageFile(actor, account.id, sample("camt053-v08-ubs-ch.xml"));
    expect(inEnglish(result)).toEqual({ ok: false, error: expect.stringMatching(/^Entry 3 \(line \d+\): the amount is in EUR, but this bank account is in CHF\. Nothing was imported\.$/) });
    expect(await accountLines(account.id)).toEqual([]);
    const [failed] = await db.select().from(statementImports);
    expect(failed).toMatchObject({ status: "failed" });
  });

  it("imports PostFinance's batches without flagging their distinct payments as duplicates, and stores its closing balance", async () => {
    const { actor, account } = await importTarget({ accountNumber: "CH0309000000250090342", currency: "CHF" });
    const { preview, committed } = await stageAndCommitFile(actor, account.id, sample("camt053-v04-postfinance-ch.xml"));
    expect(preview).toMatchObject({ total: 32, new: 32, possibleDuplicates: 0 });
    expect(committed).toMatchObject({ ok: true, inserted: 32 });
    const lines = await accountLines(account.id);
    expect(sumDecimals(lines.map((l) => l.amount))).toBe("537.61");
    // Same day, same 50.00, distinct payments of one batch: none is a possible duplicate.
    expect(lines.filter((l) => l.bookingDate === "2016-05-27" && l.amount === "50.0000").length).toBeGreaterThan(1);
    expect(lines.filter((l) => l.possibleDuplicate)).toEqual([]);

    const [stored] = await db.select({ balance: bankAccounts.balance, asOf: bankAccounts.balanceAsOf, opening: bankAccounts.openingBalance })
      .from(bankAccounts).where(eq(bankAccounts.id, account.id));
    expect(stored).toMatchObject({ balance: "322689.7700", opening: "322152.1600" });
    // The balance covers all the statement's lines, some of which the bank dated after it.
    expect(stored!.asOf?.toISOString().slice(0, 10)).toBe("2016-05-27");
    const [check] = await db.select().from(balanceChecks).where(eq(balanceChecks.bankAccountId, account.id));
    expect(check).toMatchObject({ bankBalance: "322689.7700", computedBalance: "322689.7700", difference: "0.0000", currency: "CHF" });
  });

  it("still flags a line of the file that matches one already on the account", async () => {
    const { actor, account } = await importTarget({ accountNumber: "CH0309000000250090342", currency: "CHF" });
    await db.insert(transactions).values({ bankAccountId: account.id, onlineTransactionId: "typed-by-hand", bookingDate: "2016-04-30", amount: "-24.00", currency: "CHF", source: "manual" });
    const { preview } = await stageAndCommitFile(actor, account.id, sample("camt053-v04-postfinance-ch.xml"));
    expect(preview).toMatchObject({ possibleDuplicates: 2 }); // two -24.00 fees that day, each a possible twin of the typed line
    const flagged = (await accountLines(account.id)).filter((l) => l.possibleDuplicate).map((l) => l.amount);
    expect(flagged).toEqual(["-24.0000", "-24.0000", "-24.0000"]);
  });

  it("describes ING's batch booked as one entry instead of leaving it blank", async () => {
    const { actor, account } = await importTarget({ accountNumber: "NL18INGB00012345678", currency: "EUR" });
    await stageAndCommitFile(actor, account.id, sample("camt053-v02-ing-nl-batch.xml"));
    const [batch] = (await accountLines(account.id)).filter((l) => l.amount === "-4753.7400");
    expect(batch!.description).toBe("Batch of 3 transactions, payment O0OpeAYTkhjerKu3eE9asw");
  });

  it("stores an OFX statement's LEDGERBAL as the account's balance, unless the account knows a newer one", async () => {
    const { actor, account } = await importTarget({ accountNumber: "1234567-00", currency: "NZD" });
    await stageAndCommitFile(actor, account.id, sample("ofx102-sgml-nz-savings.ofx"));
    const [stored] = await db.select({ balance: bankAccounts.balance, asOf: bankAccounts.balanceAsOf }).from(bankAccounts).where(eq(bankAccounts.id, account.id));
    expect(stored!.balance).toBe("4225.7900");
    expect(stored!.asOf?.toISOString().slice(0, 10)).toBe("2012-10-04");

    await db.update(bankAccounts).set({ balance: "10.00", balanceAsOf: new Date("2024-01-01T00:00:00Z") }).where(eq(bankAccounts.id, account.id));
    await stageAndCommitFile(actor, account.id, sample("ofx102-sgml-nz-savings.ofx"));
    const [after] = await db.select({ balance: bankAccounts.balance }).from(bankAccounts).where(eq(bankAccounts.id, account.id));
    expect(after!.balance).toBe("10.0000");
  });
});

describe("CSV lines in another currency than the account's", () => {
  const csv = "Date;Text;Amount;Currency\n2024-03-01;Coffee;-3,50;USD\n2024-03-02;Hotel Paris;-120,00;EUR\n2024-03-03;Refund;15,00;USD\n";
  const mapping = { dateColumn: 0, dateFormat: "YYYY-MM-DD", amountMode: "single", amountColumn: 2, decimalSeparator: ",", descriptionColumn: 1, currencyColumn: 3 } as const;

  it("refuses the file naming the row, with nothing imported", async () => {
    const { actor, account } = await importTarget({ accountNumber: "000123456", currency: "USD" });
    expect(inEnglish(await stageFile(actor, account.id, csv, { csvMapping: mapping }))).toEqual({
      ok: false, error: "Row 3: the amount is in EUR, but this bank account is in USD. Nothing was imported.",
    });
    expect(await accountLines(account.id)).toEqual([]);
  });

  it("skips them when the user chose so, and says how many", async () => {
    const { actor, account } = await importTarget({ accountNumber: "000123456", currency: "USD" });
    const { preview, committed } = await stageAndCommitFile(actor, account.id, csv, { csvMapping: { ...mapping, skipOtherCurrencies: true } });
    expect(preview).toMatchObject({ total: 2, new: 2, otherCurrencySkipped: 1 });
    expect(committed).toMatchObject({ ok: true, inserted: 2, otherCurrencySkipped: 1 });
    expect((await accountLines(account.id)).map((l) => l.description)).toEqual(["Coffee", "Refund"]);
    const [event] = await db.select().from(connectionEvents).where(eq(connectionEvents.bankAccountId, account.id));
    expect(event!.message).toBe("Imported 2 transactions from the file statement (1 in other currencies skipped).");
  });
});
