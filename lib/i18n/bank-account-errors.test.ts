/**
 * Every answer the Add new bank and Edit account schemas give has its message in the
 * catalogue: a reworded schema message would otherwise reach an Indonesian reader in English.
 */
import { describe, expect, it } from "vitest";
import { accountDetailsSchema } from "@/lib/bank-accounts/account-details-schema";
import { emptyManualAccount, manualAccountSchema } from "@/lib/bank-accounts/manual-account-schema";
import { catalogue, type Messages } from "./catalogue";
import { bankAccountErrorKey } from "./bank-account-errors";

const valid = { ...emptyManualAccount, accountNumber: "1452687-7" };

type Cases = [string, Record<string, unknown>, keyof Messages["manualAccount"]["errors"]][];

const cases: Cases = [
  ["an empty account number", { accountNumber: "  " }, "accountNumberRequired"],
  ["an account number of 65 characters", { accountNumber: "1".repeat(65) }, "accountNumberTooLong"],
  ["a control character", { accountNumber: "12\u000734" }, "accountNumberControl"],
  ["an IBAN with wrong check digits", { accountNumber: "DE00 1203 0000 0000 2020 51" }, "ibanWarning"],
  ["a bank name of 101 characters", { bankName: "B".repeat(101) }, "bankNameTooLong"],
  ["a SWIFT code of 5 characters", { bic: "DEUTD" }, "bicInvalid"],
  ["an unknown currency", { currency: "XYZ" }, "currencyInvalid"],
];

const validDetails = { bankAccountId: "0b0e7a2c-5d1f-4c3e-9a8b-1f2e3d4c5b6a", name: "Kas", accountNumber: "1452687-7", keepInvalidIban: false, currency: "IDR" };

const detailCases: Cases = [
  ["a name of 101 characters", { name: "N".repeat(101) }, "nameTooLong"],
  ["a bank account id that is not one", { bankAccountId: "42" }, "noSuchAccount"],
];

describe("bank account answers in the reader's language", () => {
  it.each(cases)("%s", (_name, change, key) => {
    const parsed = manualAccountSchema.safeParse({ ...valid, ...change });
    expect(parsed.success).toBe(false);
    const message = parsed.error?.issues[0]?.message ?? "";
    expect(bankAccountErrorKey(message)).toBe(key);
    // The English catalogue says exactly what the schema says, so English readers see no change.
    expect(catalogue("en").manualAccount.errors[key]).toBe(message);
  });

  it.each(detailCases)("Edit account: %s", (_name, change, key) => {
    const parsed = accountDetailsSchema.safeParse({ ...validDetails, ...change });
    expect(parsed.success).toBe(false);
    const message = parsed.error?.issues[0]?.message ?? "";
    expect(bankAccountErrorKey(message)).toBe(key);
    expect(catalogue("en").manualAccount.errors[key]).toBe(message);
  });

  it("leaves an unknown answer as it is", () => {
    expect(bankAccountErrorKey("Something else went wrong.")).toBeUndefined();
  });
});
