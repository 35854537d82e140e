/**
 * Account numbers as banks really write them: anything non-empty ("1452687~7" included).
 * A number shaped like an IBAN whose check digits fail only warns: the user may keep it,
 * because banks' own files carry such numbers (anonymised or legacy ones).
 */
import { isValidIBAN } from "ibantools";
import { z } from "zod";

/** Two letters and two check digits: such a number is checked as an IBAN. */
const IBAN_SHAPE = /^[A-Z]{2}\d{2}/;

export const IBAN_WARNING = "This looks like an IBAN, but its check digits do not match. Look for a typo, or keep this number anyway.";

export const compactUpper = (value: string) => value.replace(/\s+/g, "").toUpperCase();

export const accountNumberField = z
  .string()
  .transform(compactUpper)
  .pipe(
    z
      .string()
      .min(1, "Enter the account number.")
      .max(64, "An account number has at most 64 characters.")
      .regex(/^[^\p{Cc}]*$/u, "The account number holds a control character."),
  );

export const keepInvalidIbanField = z.boolean().default(false);

/** For a schema's superRefine: the IBAN warning, unless the user chose to keep the number. */
export function warnOnInvalidIban(values: { accountNumber: string; keepInvalidIban: boolean }, ctx: z.RefinementCtx) {
  if (!values.keepInvalidIban && IBAN_SHAPE.test(values.accountNumber) && !isValidIBAN(values.accountNumber)) {
    ctx.addIssue({ code: "custom", path: ["accountNumber"], message: IBAN_WARNING });
  }
}

export function isIsoCurrency(code: string): boolean {
  return Intl.supportedValuesOf("currency").includes(code);
}

export const currencyField = z
  .string()
  .transform((value) => compactUpper(value) || "EUR")
  .refine(isIsoCurrency, { error: "Enter a 3-letter ISO currency code, like EUR or USD." });
