/**
 * Every answer the Add new bank schema gives has its message in the catalogue: a reworded
 * schema message would otherwise reach an Indonesian reader in English.
 */
import { describe, expect, it } from "vitest";
import { emptyManualAccount, manualAccountSchema } from "@/lib/bank-accounts/manual-account-schema";
import { catalogue, type Messages } from "@/lib/i18n/catalogue";
import { manualAccountErrorKey } from "./error-keys";

const valid = { ...emptyManualAccount, accountNumber: "1452687-7" };

const cases: [string, Record<string, unknown>, keyof Messages["manualAccount"]["errors"]][] = [
  ["an empty account number", { accountNumber: "  " }, "accountNumberRequired"],
  ["an account number of 65 characters", { accountNumber: "1".repeat(65) }, "accountNumberTooLong"],
  ["a control character", { accountNumber: "12\u000734" }, "accountNumberControl"],
  ["an IBAN with wrong check digits", { accountNumber: "DE00 1203 0000 0000 2020 51" }, "ibanWarning"],
  ["a bank name of 101 characters", { bankName: "B".repeat(101) }, "bankNameTooLong"],
  ["a SWIFT code of 5 characters", { bic: "DEUTD" }, "bicInvalid"],
  ["an unknown currency", { currency: "XYZ" }, "currencyInvalid"],
];

describe("Add new bank's answers in the reader's language", () => {
  it.each(cases)("%s", (_name, change, key) => {
    const parsed = manualAccountSchema.safeParse({ ...valid, ...change });
    expect(parsed.success).toBe(false);
    const message = parsed.error?.issues[0]?.message ?? "";
    expect(manualAccountErrorKey(message)).toBe(key);
    // The English catalogue says exactly what the schema says, so English readers see no change.
    expect(catalogue("en").manualAccount.errors[key]).toBe(message);
  });

  it("leaves an unknown answer as it is", () => {
    expect(manualAccountErrorKey("Something else went wrong.")).toBeUndefined();
  });
});
