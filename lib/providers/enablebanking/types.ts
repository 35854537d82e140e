/**
 * The parts of Enable Banking's JSON (API reference, "Accounts data", "User sessions" and
 * "Misc" sections) that the adapter reads, as zod schemas. Optional fields are `nullish`:
 * the API omits some and sends null for others. Unknown fields are ignored.
 */
import { z } from "zod";

const text = z.string().nullish();

export const amountJson = z.object({ currency: z.string(), amount: z.string() });

export const aspspJson = z.object({
  name: z.string(),
  country: z.string(),
  logo: text,
  bic: text,
  psu_types: z.array(z.string()).nullish(),
  /** Seconds. */
  maximum_consent_validity: z.number().int().nullish(),
  beta: z.boolean().nullish(),
});
export const aspspListJson = z.object({ aspsps: z.array(aspspJson) });

export const startAuthorizationJson = z.object({ url: z.string(), authorization_id: text, psu_id_hash: text });

const genericIdentificationJson = z.object({ identification: z.string(), scheme_name: text });
export const accountIdentificationJson = z.object({ iban: text, other: genericIdentificationJson.nullish() });

export const accountJson = z.object({
  uid: text,
  account_id: accountIdentificationJson.nullish(),
  all_account_ids: z.array(genericIdentificationJson).nullish(),
  name: text,
  details: text,
  product: text,
  cash_account_type: text,
  currency: z.string(),
  identification_hash: z.string(),
});

export const accessJson = z.object({ valid_until: z.string() });

export const authorizeSessionJson = z.object({
  session_id: z.string(),
  accounts: z.array(accountJson),
  access: accessJson,
});

export const sessionJson = z.object({
  status: z.string(),
  accounts_data: z.array(z.object({ uid: z.string(), identification_hash: z.string() })),
  access: accessJson,
});

export const balanceJson = z.object({
  name: text,
  balance_amount: amountJson,
  balance_type: z.string(),
  last_change_date_time: text,
  reference_date: text,
});
export const balanceListJson = z.object({ balances: z.array(balanceJson) });

const partyJson = z.object({ name: text });

export const transactionJson = z.object({
  entry_reference: text,
  transaction_id: text,
  transaction_amount: amountJson,
  credit_debit_indicator: z.enum(["CRDT", "DBIT"]),
  status: z.string(),
  booking_date: text,
  value_date: text,
  transaction_date: text,
  creditor: partyJson.nullish(),
  creditor_account: accountIdentificationJson.nullish(),
  debtor: partyJson.nullish(),
  debtor_account: accountIdentificationJson.nullish(),
  remittance_information: z.array(z.string()).nullish(),
  reference_number: text,
  bank_transaction_code: z.object({ description: text }).nullish(),
});
export const transactionPageJson = z.object({ transactions: z.array(transactionJson), continuation_key: text });

export const successJson = z.object({ message: text });

export const errorJson = z.object({
  message: z.string().nullish(),
  code: z.number().nullish(),
  error: z.string().nullish(),
  detail: z.unknown().optional(),
});

export type AspspJson = z.infer<typeof aspspJson>;
export type AccountJson = z.infer<typeof accountJson>;
export type AuthorizeSessionJson = z.infer<typeof authorizeSessionJson>;
export type SessionJson = z.infer<typeof sessionJson>;
export type BalanceJson = z.infer<typeof balanceJson>;
export type TransactionJson = z.infer<typeof transactionJson>;
export type TransactionPageJson = z.infer<typeof transactionPageJson>;
export type StartAuthorizationJson = z.infer<typeof startAuthorizationJson>;
