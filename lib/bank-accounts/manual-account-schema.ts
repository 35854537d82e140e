/**
 * What "Add new bank" accepts: the one schema that both the browser form (react-hook-form
 * resolver) and the server check. It normalizes as it validates (spaces out, upper case),
 * so parsing its own output again gives the same values. Its messages are keys of the
 * `manualAccount.errors` catalogue entries, so the form shows them in the reader's language.
 */
import { isValidBIC, isValidIBAN } from "ibantools";
import { z } from "zod";

/** Two letters and two check digits: we treat such a number as an IBAN and verify it. */
const IBAN_SHAPE = /^[A-Z]{2}\d{2}/;
const ACCOUNT_NUMBER_CHARACTERS = /^[A-Z0-9./-]+$/;

/** Every message the schema and the service give, as catalogue keys. */
export const MANUAL_ACCOUNT_ERRORS = [
  "accountNumberRequired", "accountNumberTooLong", "accountNumberCharacters", "ibanInvalid",
  "bankNameTooLong", "bicInvalid", "currencyInvalid", "accountNumberTaken", "checkFields",
] as const;
export type ManualAccountError = (typeof MANUAL_ACCOUNT_ERRORS)[number];
const error = (key: ManualAccountError) => key;

const compactUpper = (value: string) => value.replace(/\s+/g, "").toUpperCase();

function isIsoCurrency(code: string): boolean {
  return Intl.supportedValuesOf("currency").includes(code);
}

export const manualAccountSchema = z.object({
  accountNumber: z
    .string()
    .transform(compactUpper)
    .pipe(
      z
        .string()
        .min(1, error("accountNumberRequired"))
        .max(34, error("accountNumberTooLong"))
        .regex(ACCOUNT_NUMBER_CHARACTERS, error("accountNumberCharacters"))
        .refine((value) => !IBAN_SHAPE.test(value) || isValidIBAN(value), {
          error: error("ibanInvalid"),
        }),
    ),
  bankName: z.string().trim().max(100, error("bankNameTooLong")),
  bic: z
    .string()
    .transform(compactUpper)
    .refine((value) => value === "" || isValidBIC(value), {
      error: error("bicInvalid"),
    }),
  currency: z
    .string()
    .transform((value) => compactUpper(value) || "EUR")
    .refine(isIsoCurrency, { error: error("currencyInvalid") }),
});

/** The form's raw values (what the user typed). */
export type ManualAccountInput = z.input<typeof manualAccountSchema>;
/** The normalized values the service stores. */
export type ManualAccountValues = z.output<typeof manualAccountSchema>;
export type ManualAccountField = keyof ManualAccountInput;
export type ManualAccountFieldErrors = Partial<Record<ManualAccountField, string[]>>;

export function isManualAccountError(message: string | undefined): message is ManualAccountError {
  return (MANUAL_ACCOUNT_ERRORS as readonly (string | undefined)[]).includes(message);
}

export const emptyManualAccount: ManualAccountInput = { accountNumber: "", bankName: "", bic: "", currency: "EUR" };
