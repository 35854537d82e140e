/**
 * The English answers of the bank-account schemas and services (lib/bank-accounts: Add new
 * bank, Edit account), each with its message in the catalogue's manualAccount.errors, so the
 * forms can say them in the reader's language. An answer not listed here is shown as it is.
 */
import { IBAN_WARNING } from "@/lib/bank-accounts/account-number";
import type { Messages } from "@/lib/i18n/catalogue";

type ErrorKey = keyof Messages["manualAccount"]["errors"];

const KEYS = new Map<string, ErrorKey>([
  ["Enter the account number.", "accountNumberRequired"],
  ["An account number has at most 64 characters.", "accountNumberTooLong"],
  ["The account number holds a control character.", "accountNumberControl"],
  [IBAN_WARNING, "ibanWarning"],
  ["A bank name has at most 100 characters.", "bankNameTooLong"],
  ["Enter a valid SWIFT code: 8 or 11 characters, like DEUTDEFF or DEUTDEFF500.", "bicInvalid"],
  ["Enter a 3-letter ISO currency code, like EUR or USD.", "currencyInvalid"],
  ["Your company already has a bank account with this number.", "accountNumberTaken"],
  ["Check the highlighted fields.", "checkFields"],
  ["A name has at most 100 characters.", "nameTooLong"],
  ["No such bank account.", "noSuchAccount"],
]);

export function bankAccountErrorKey(message: string): ErrorKey | undefined {
  return KEYS.get(message);
}
