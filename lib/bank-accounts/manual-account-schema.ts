/**
 * What "Add new bank" accepts: the one schema that both the browser form (react-hook-form
 * resolver) and the server check. It normalizes as it validates (spaces out, upper case),
 * so parsing its own output again gives the same values.
 */
import { isValidBIC, isValidIBAN } from "ibantools";
import { z } from "zod";

/** Two letters and two check digits: we treat such a number as an IBAN and verify it. */
const IBAN_SHAPE = /^[A-Z]{2}\d{2}/;
const ACCOUNT_NUMBER_CHARACTERS = /^[A-Z0-9./-]+$/;

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
        .min(1, "Enter the account number.")
        .max(34, "An account number has at most 34 characters.")
        .regex(ACCOUNT_NUMBER_CHARACTERS, "Use only letters, digits, spaces, dots, dashes or slashes.")
        .refine((value) => !IBAN_SHAPE.test(value) || isValidIBAN(value), {
          error: "This IBAN is not valid: its check digits do not match. Look for a typo.",
        }),
    ),
  bankName: z.string().trim().max(100, "A bank name has at most 100 characters."),
  bic: z
    .string()
    .transform(compactUpper)
    .refine((value) => value === "" || isValidBIC(value), {
      error: "Enter a valid SWIFT code: 8 or 11 characters, like DEUTDEFF or DEUTDEFF500.",
    }),
  currency: z
    .string()
    .transform((value) => compactUpper(value) || "EUR")
    .refine(isIsoCurrency, { error: "Enter a 3-letter ISO currency code, like EUR or USD." }),
});

/** The form's raw values (what the user typed). */
export type ManualAccountInput = z.input<typeof manualAccountSchema>;
/** The normalized values the service stores. */
export type ManualAccountValues = z.output<typeof manualAccountSchema>;
export type ManualAccountField = keyof ManualAccountInput;
export type ManualAccountFieldErrors = Partial<Record<ManualAccountField, string[]>>;

export const emptyManualAccount: ManualAccountInput = { accountNumber: "", bankName: "", bic: "", currency: "EUR" };
