/**
 * Account numbers as banks really write them: anything non-empty ("1452687~7" included).
 * A number shaped like an IBAN whose check digits fail only warns: the user may keep it,
 * because banks' own files carry such numbers (anonymised or legacy ones).
 */
import { isValidIBAN } from "ibantools";
import { z } from "zod";
import type { StoredMessageKey } from "@/lib/i18n/stored-message";

/** Two letters and two check digits: such a number is checked as an IBAN. */
const IBAN_SHAPE = /^[A-Z]{2}\d{2}/;

/** The warning's message (a storedMessages key, as every message of these schemas): the forms offer "keep anyway" on it. */
export const IBAN_WARNING = "refusals.ibanWarning" satisfies StoredMessageKey;

export const compactUpper = (value: string) => value.replace(/\s+/g, "").toUpperCase();

export const accountNumberField = z
  .string()
  .transform(compactUpper)
  .pipe(
    z
      .string()
      .min(1, "refusals.accountNumberRequired" satisfies StoredMessageKey)
      .max(64, "refusals.accountNumberTooLong" satisfies StoredMessageKey)
      .regex(/^[^\p{Cc}]*$/u, "refusals.accountNumberControl" satisfies StoredMessageKey),
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
  .refine(isIsoCurrency, { error: "refusals.currencyInvalid" satisfies StoredMessageKey });
