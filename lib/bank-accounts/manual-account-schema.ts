/**
 * What "Add new bank" accepts: the one schema that both the browser form (react-hook-form
 * resolver) and the server check. It normalizes as it validates (spaces out, upper case),
 * so parsing its own output again gives the same values.
 */
import { isValidBIC } from "ibantools";
import { z } from "zod";
import type { StoredMessage, StoredMessageKey } from "@/lib/i18n/stored-message";
import { accountNumberField, compactUpper, currencyField, keepInvalidIbanField, warnOnInvalidIban } from "./account-number";

export const manualAccountSchema = z
  .object({
    accountNumber: accountNumberField,
    keepInvalidIban: keepInvalidIbanField,
    bankName: z.string().trim().max(100, "refusals.bankNameTooLong" satisfies StoredMessageKey),
    bic: z
      .string()
      .transform(compactUpper)
      .refine((value) => value === "" || isValidBIC(value), {
        error: "refusals.bicInvalid" satisfies StoredMessageKey,
      }),
    currency: currencyField,
  })
  .superRefine(warnOnInvalidIban);

/** The form's raw values (what the user typed). */
export type ManualAccountInput = z.input<typeof manualAccountSchema>;
/** The normalized values the service stores. */
export type ManualAccountValues = z.output<typeof manualAccountSchema>;
export type ManualAccountField = keyof ManualAccountInput;
export type ManualAccountFieldErrors = Partial<Record<ManualAccountField, StoredMessage[]>>;

export const emptyManualAccount: ManualAccountInput = { accountNumber: "", keepInvalidIban: false, bankName: "", bic: "", currency: "EUR" };
