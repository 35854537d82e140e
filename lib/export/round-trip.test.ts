import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, transactions } from "@/db/schema";
import { englishText } from "@/lib/i18n/stored-message";
import { commitImport } from "@/lib/import/commit";
import { stageStatementFile } from "@/lib/import/stage";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { statementBalanceKnown } from "./period";
import { statementFile } from "./statement-file";

const IBAN = "DE89370400440532013000";
const NOW = new Date("2026-11-30T10:00:00Z");
const PLAID_LIKE_ID = "lPNjeW1nR6CDn5okmGQ6hEpMo4lLNoSrzqDjeX";
const LONG_DESCRIPTION = Array.from({ length: 30 }, (_, i) => `word${i} electricity`).join(" ");

/** An account with lines before, in and after November, every field filled on some line. */
async function exportedAccount() {
  const { company } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id, { accountNumber: IBAN, currency: "EUR", openingBalance: "1000.00", bic: "COBADEFFXXX" });
  await db.insert(transactions).values([
    { bankAccountId: account.id, onlineTransactionId: "early-1", bookingDate: "2026-10-20", amount: "-100.00", currency: "EUR", description: "October rent" },
    {
      bankAccountId: account.id, onlineTransactionId: "tx-2026-11-03", bookingDate: "2026-11-03", valueDate: "2026-11-02", amount: "2500.00",
      currency: "EUR", description: "Invoice 2026-118 <paid> & thanks", partnerName: "Müller & Söhne GmbH", partnerAccount: "FR1420041010050500013M02606", reference: "E2E-118",
    },
    {
      bankAccountId: account.id, onlineTransactionId: "tx-2026-11-04", bookingDate: "2026-11-04", amount: "-12.3450", currency: "EUR",
      description: "Card payment coffee", partnerName: "Café Zentral", reference: null,
    },
    { bankAccountId: account.id, onlineTransactionId: null, bookingDate: "2026-11-04", amount: "-12.3450", currency: "EUR", description: "Card payment coffee (second cup)" },
    // Longer than Max35Text (a Plaid id has 37 characters), a reference longer still, and a
    // description that needs three Ustrd lines: all must come back whole.
    {
      bankAccountId: account.id, onlineTransactionId: PLAID_LIKE_ID, bookingDate: "2026-11-05", amount: "-75.00", currency: "EUR",
      description: LONG_DESCRIPTION, partnerName: "Stadtwerke", reference: "RF18 5390 0754 7034 / contract 2026-000118 / November",
    },
    { bankAccountId: account.id, onlineTransactionId: "late-1", bookingDate: "2026-12-01", amount: "-40.00", currency: "EUR", description: "December" },
  ]);
  return { company, account };
}

/** The export's file, which must exist. */
async function exported(scope: { companyId: string; bankAccountId: string }, request: Parameters<typeof statementFile>[2]) {
  const file = await statementFile(db, scope, request, NOW);
  if (!file?.ok) throw new Error(`no file: ${JSON.stringify(file)}`);
  return file;
}

async function importInto(file: string, format: "camt053" | "ofx") {
  const { company, user } = await createCompanyWithUser(db);
  const target = await createManualBankAccount(db, company.id, { accountNumber: IBAN, currency: "EUR", name: "Imported" });
  const actor = { companyId: company.id, userId: user.id };
  const staged = await stageStatementFile(db, actor, {
    bankAccountId: target.id, importId: randomUUID(), fileName: `statement.${format === "ofx" ? "ofx" : "xml"}`, csvMapping: null,
    body: (async function* () { yield new TextEncoder().encode(file); })(),
  });
  if (!staged.ok) throw new Error(englishText(staged.error));
  expect(await commitImport(db, actor, staged.importId)).toMatchObject({ ok: true, inserted: 4 });
  return target.id;
}

const comparable = (bankAccountId: string) =>
  db.select({
    onlineTransactionId: transactions.onlineTransactionId, bookingDate: transactions.bookingDate, valueDate: transactions.valueDate,
    amount: transactions.amount, currency: transactions.currency, description: transactions.description, partnerName: transactions.partnerName,
    partnerAccount: transactions.partnerAccount, reference: transactions.reference,
  }).from(transactions).where(eq(transactions.bankAccountId, bankAccountId)).orderBy(asc(transactions.bookingDate), asc(transactions.amount), asc(transactions.description));

const withoutIds = (lines: Awaited<ReturnType<typeof comparable>>) => lines.map((line) => ({ ...line, onlineTransactionId: "compared separately" }));

async function originalNovember(bankAccountId: string) {
  return (await comparable(bankAccountId)).filter((line) => line.bookingDate.startsWith("2026-11"));
}

describe("statement export round trip", () => {
  it("CAMT.053: the period's lines come back through our importer with ids, references, partners and value dates", async () => {
    const { company, account } = await exportedAccount();
    const file = await exported({ companyId: company.id, bankAccountId: account.id }, { format: "camt053", from: "2026-11-01", to: "2026-11-30" });
    expect(file.fileName).toMatch(/\.camt053\.xml$/);
    // Opening = 1000 - 100 (October); closing = opening + 2500 - 24.69 (November only, not December).
    expect(file.body).toMatch(/<Cd>OPBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="EUR">900.00<\/Amt><CdtDbtInd>CRDT<\/CdtDbtInd><Dt><Dt>2026-11-01<\/Dt>/);
    expect(file.body).toMatch(/<Cd>CLBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="EUR">3300.31<\/Amt><CdtDbtInd>CRDT<\/CdtDbtInd><Dt><Dt>2026-11-30<\/Dt>/);

    // The 38-character id does not fit AcctSvcrRef (Max35Text): a stable digest of it stands there.
    const servicerRefs = [...file.body.matchAll(/<AcctSvcrRef>([^<]*)<\/AcctSvcrRef>/g)].map((match) => match[1]!);
    expect(servicerRefs.length).toBeGreaterThan(0);
    expect(servicerRefs.every((ref) => ref.length <= 35)).toBe(true);
    expect(servicerRefs).not.toContain(PLAID_LIKE_ID);

    const imported = await importInto(file.body, "camt053");
    const back = await comparable(imported);
    const original = await originalNovember(account.id);
    expect(withoutIds(back)).toEqual(withoutIds(original));
    // The online ids travel as AcctSvcrRef; the importer names a line without one itself.
    expect(back.map((line) => line.onlineTransactionId)).toEqual(original.map((line) => line.onlineTransactionId ?? expect.stringMatching(/^file:/)));
  });

  it("OFX 2: the same lines come back; a line without an online id gets a stable FITID", async () => {
    const { company, account } = await exportedAccount();
    const file = await exported({ companyId: company.id, bankAccountId: account.id }, { format: "ofx", from: "2026-11-01", to: "2026-11-30" });
    expect(file.body).toContain("<LEDGERBAL><BALAMT>3300.31</BALAMT><DTASOF>20261130</DTASOF></LEDGERBAL>");

    const imported = await importInto(file.body, "ofx");
    const back = await comparable(imported);
    const original = await originalNovember(account.id);
    expect(withoutIds(back)).toEqual(withoutIds(original));
    expect(back.map((line) => line.onlineTransactionId)).toEqual(original.map((line) => line.onlineTransactionId ?? expect.stringMatching(/^openbanksync-\d+$/)));
  });

  it("refuses a CAMT.053 without a known balance (never invents one) but still exports OFX, and refuses another company's account", async () => {
    const { company, account } = await exportedAccount();
    const scope = { companyId: company.id, bankAccountId: account.id };
    await db.update(bankAccounts).set({ openingBalance: null, balance: null }).where(eq(bankAccounts.id, account.id));
    expect(await statementBalanceKnown(db, scope)).toBe(false);
    expect(await statementFile(db, scope, { format: "camt053" }, NOW)).toEqual({ ok: false, reason: "balanceUnknown" });
    const ofx = await exported(scope, { format: "ofx" });
    expect(ofx.body).not.toContain("<LEDGERBAL>");
    expect(ofx.body).toContain("<DTSTART>20261020</DTSTART><DTEND>20261130</DTEND>");

    await db.update(bankAccounts).set({ balance: "10.00" }).where(eq(bankAccounts.id, account.id));
    expect(await statementBalanceKnown(db, scope)).toBe(true);
    expect(await statementBalanceKnown(db, { companyId: (await createCompanyWithUser(db)).company.id, bankAccountId: account.id })).toBe(false);

    const other = await createCompanyWithUser(db);
    expect(await statementFile(db, { companyId: other.company.id, bankAccountId: account.id }, { format: "ofx" }, NOW)).toBeNull();
  });

  it("derives balances from the bank's balance when the opening balance is unknown", async () => {
    const { company, account } = await exportedAccount();
    // The bank says 3260.31 today, after December's -40: the end of November was 3300.31.
    await db.update(bankAccounts).set({ openingBalance: null, balance: "3260.31" }).where(eq(bankAccounts.id, account.id));
    const file = await exported({ companyId: company.id, bankAccountId: account.id }, { format: "ofx", from: "2026-11-01", to: "2026-11-30" });
    expect(file.body).toContain("<BALAMT>3300.31</BALAMT>");
  });
});
