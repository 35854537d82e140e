/**
 * The account page's "Edit account" form: name, number and currency, checked by the same
 * schema in the browser and in the server action. An empty name means "the account number".
 */
import { z } from "zod";
import type { StoredMessage, StoredMessageKey } from "@/lib/i18n/stored-message";
import { accountNumberField, currencyField, keepInvalidIbanField, warnOnInvalidIban } from "./account-number";

export const accountDetailsSchema = z
  .object({
    bankAccountId: z.uuid({ error: "refusals.noSuchBankAccount" satisfies StoredMessageKey }),
    name: z.string().trim().max(100, "refusals.nameTooLong" satisfies StoredMessageKey),
    accountNumber: accountNumberField,
    keepInvalidIban: keepInvalidIbanField,
    currency: currencyField,
  })
  .superRefine(warnOnInvalidIban);

export type AccountDetailsInput = z.input<typeof accountDetailsSchema>;
export type AccountDetailsValues = z.output<typeof accountDetailsSchema>;
export type AccountDetailsField = keyof AccountDetailsInput;
export type AccountDetailsFieldErrors = Partial<Record<AccountDetailsField, StoredMessage[]>>;
