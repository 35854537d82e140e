import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { insertLines } from "@/lib/testing/transaction-rows";
import { loadAccountDetails } from "./account-details";
import { updateAccountDetails } from "./update-details";

async function account(overrides: Partial<typeof bankAccounts.$inferInsert> = {}) {
  const { company } = await createCompanyWithUser(db);
  const row = await createManualBankAccount(db, company.id, overrides);
  return { companyId: company.id, row };
}

const stored = async (id: string) => (await db.select().from(bankAccounts).where(eq(bankAccounts.id, id)))[0]!;

describe("updateAccountDetails", () => {
  it("renames, renumbers and changes the currency of an account without lines; an empty name means its number", async () => {
    const { companyId, row } = await account();
    expect(await updateAccountDetails(db, companyId, { bankAccountId: row.id, name: "Operations", accountNumber: "1452687~7", currency: "chf" })).toEqual({ ok: true });
    expect(await stored(row.id)).toMatchObject({ name: "Operations", accountNumber: "1452687~7", currency: "CHF" });
    expect(await updateAccountDetails(db, companyId, { bankAccountId: row.id, name: " ", accountNumber: "1452687~7", currency: "CHF" })).toEqual({ ok: true });
    expect((await stored(row.id)).name).toBe("1452687~7");
  });

  it("keeps the currency of an account that has lines, with a field error and nothing changed", async () => {
    const { companyId, row } = await account({ currency: "EUR" });
    expect(await loadAccountDetails(db, companyId, row.id)).toMatchObject({ currency: "EUR", hasLines: false });
    await insertLines(row.id, [{ id: "a", date: "2024-01-02", amount: "-5.00", currency: "EUR" }]);
    const result = await updateAccountDetails(db, companyId, { bankAccountId: row.id, name: "Renamed", accountNumber: row.accountNumber, currency: "USD" });
    expect(inEnglish(result)).toMatchObject({ ok: false, fieldErrors: { currency: ["The currency stays EUR: the account already has transactions in it."] } });
    expect(await stored(row.id)).toMatchObject({ name: "Main account", currency: "EUR" });
    expect(await loadAccountDetails(db, companyId, row.id)).toMatchObject({ hasLines: true });
    expect(await loadAccountDetails(db, (await createCompanyWithUser(db)).company.id, row.id)).toBeNull();
  });

  it("warns on an IBAN whose check digits fail unless kept, and refuses a number another account of the company has", async () => {
    const { companyId, row } = await account();
    await createManualBankAccount(db, companyId, { accountNumber: "CH0309000000250090342" });
    const base = { bankAccountId: row.id, name: "", currency: "EUR" };
    expect(inEnglish(await updateAccountDetails(db, companyId, { ...base, accountNumber: "CH1111111111111111111" }))).toMatchObject({ ok: false, fieldErrors: { accountNumber: [expect.stringMatching(/keep this number anyway/)] } });
    expect(inEnglish(await updateAccountDetails(db, companyId, { ...base, accountNumber: "ch03 0900 0000 2500 9034 2" }))).toMatchObject({ ok: false, fieldErrors: { accountNumber: [expect.stringMatching(/already has/)] } });
    expect(await updateAccountDetails(db, companyId, { ...base, accountNumber: "CH1111111111111111111", keepInvalidIban: true })).toEqual({ ok: true });
    expect((await stored(row.id)).accountNumber).toBe("CH1111111111111111111");
  });

  it("does not touch another company's account, nor accept an empty number", async () => {
    const { row } = await account();
    const stranger = await createCompanyWithUser(db);
    expect(inEnglish(await updateAccountDetails(db, stranger.company.id, { bankAccountId: row.id, name: "Mine", accountNumber: "123", currency: "EUR" }))).toMatchObject({ ok: false, error: "No such bank account." });
    const { companyId, row: own } = await account();
    expect(inEnglish(await updateAccountDetails(db, companyId, { bankAccountId: own.id, name: "x", accountNumber: "  ", currency: "EUR" }))).toMatchObject({ ok: false, fieldErrors: { accountNumber: ["Enter the account number."] } });
    expect(await stored(row.id)).toMatchObject({ name: "Main account" });
  });
});
