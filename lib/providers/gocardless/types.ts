/**
 * GoCardless Bank Account Data's JSON, as zod schemas (field names as in its OpenAPI
 * schema, API v2). Only what the adapter reads is required; GoCardless adds optional
 * fields over time, and banks fill the Berlin Group transaction fields unevenly, so
 * nearly everything on accounts and transactions is optional.
 */
import { z } from "zod";

const decimal = z.string().regex(/^[+-]?\d+(\.\d+)?$/, "expected a decimal amount");
/** GoCardless sends day counts as strings ("90"); accept numbers too. */
const dayCount = z.union([z.string(), z.number()]).transform((value) => Number(value));

export const tokenPairJson = z.object({
  access: z.string().min(1),
  access_expires: z.number().int().positive(),
  refresh: z.string().min(1),
  refresh_expires: z.number().int().positive(),
});
export const accessTokenJson = z.object({ access: z.string().min(1), access_expires: z.number().int().positive() });

export const institutionJson = z.object({
  id: z.string().min(1),
  name: z.string(),
  bic: z.string().nullish(),
  transaction_total_days: dayCount.nullish(),
  max_access_valid_for_days: dayCount.nullish(),
  countries: z.array(z.string()),
  logo: z.string().nullish(),
});
export const institutionListJson = z.array(institutionJson);

export const agreementJson = z.object({
  id: z.string().min(1),
  created: z.string().nullish(),
  institution_id: z.string(),
  max_historical_days: z.number().int(),
  access_valid_for_days: z.number().int(),
  access_scope: z.array(z.string()).nullish(),
  accepted: z.string().nullish(),
});

export const REQUISITION_STATUSES = ["CR", "ID", "GC", "UA", "RJ", "ER", "SA", "GA", "LN", "SU", "EX"] as const;
export const requisitionJson = z.object({
  id: z.string().min(1),
  created: z.string().nullish(),
  redirect: z.string().nullish(),
  status: z.string(),
  institution_id: z.string(),
  agreement: z.string().nullish(),
  reference: z.string().nullish(),
  accounts: z.array(z.string()).default([]),
  user_language: z.string().nullish(),
  link: z.string().nullish(),
});

export const requisitionPageJson = z.object({
  count: z.number().int(),
  next: z.string().nullish(),
  previous: z.string().nullish(),
  results: z.array(requisitionJson),
});

/** GET /accounts/{id}/: metadata kept by GoCardless (no call to the bank, not rate limited by it). */
export const accountMetadataJson = z.object({
  id: z.string().min(1),
  iban: z.string().nullish(),
  bban: z.string().nullish(),
  status: z.string().nullish(),
  institution_id: z.string().nullish(),
  owner_name: z.string().nullish(),
});

export const accountDetailsJson = z.object({
  account: z.object({
    resourceId: z.string().nullish(),
    iban: z.string().nullish(),
    bban: z.string().nullish(),
    scan: z.string().nullish(),
    currency: z.string().nullish(),
    ownerName: z.string().nullish(),
    name: z.string().nullish(),
    displayName: z.string().nullish(),
    product: z.string().nullish(),
    cashAccountType: z.string().nullish(),
    status: z.string().nullish(),
  }),
});

const amountJson = z.object({ amount: decimal, currency: z.string().min(1) });

export const balanceJson = z.object({
  balanceAmount: amountJson,
  balanceType: z.string(),
  referenceDate: z.string().nullish(),
  lastChangeDateTime: z.string().nullish(),
});
export const balancesJson = z.object({ balances: z.array(balanceJson).default([]) });

const accountReferenceJson = z.object({ iban: z.string().nullish(), bban: z.string().nullish() });

/** Loose: unknown fields are kept so that developer mode shows the bank's whole line. */
export const transactionJson = z.looseObject({
  transactionId: z.string().nullish(),
  internalTransactionId: z.string().nullish(),
  entryReference: z.string().nullish(),
  endToEndId: z.string().nullish(),
  bookingDate: z.string().nullish(),
  bookingDateTime: z.string().nullish(),
  valueDate: z.string().nullish(),
  valueDateTime: z.string().nullish(),
  transactionAmount: amountJson,
  creditorName: z.string().nullish(),
  creditorAccount: accountReferenceJson.nullish(),
  ultimateCreditor: z.string().nullish(),
  debtorName: z.string().nullish(),
  debtorAccount: accountReferenceJson.nullish(),
  ultimateDebtor: z.string().nullish(),
  remittanceInformationUnstructured: z.string().nullish(),
  remittanceInformationUnstructuredArray: z.array(z.string()).nullish(),
  remittanceInformationStructured: z.string().nullish(),
  remittanceInformationStructuredArray: z.array(z.string()).nullish(),
  additionalInformation: z.string().nullish(),
});
export const transactionsJson = z.object({
  transactions: z.object({
    booked: z.array(transactionJson).default([]),
    pending: z.array(transactionJson).default([]),
  }),
});

export const deletedJson = z.object({ summary: z.string(), detail: z.string() });

/** Error bodies: `summary`/`detail`/`status_code`, plus `type` on bank-side account errors. */
export const errorJson = z.object({
  summary: z.string().nullish(),
  detail: z.union([z.string(), z.array(z.string())]).nullish(),
  status_code: z.number().nullish(),
  type: z.string().nullish(),
});

export type TokenPairJson = z.infer<typeof tokenPairJson>;
export type InstitutionJson = z.infer<typeof institutionJson>;
export type AgreementJson = z.infer<typeof agreementJson>;
export type RequisitionJson = z.infer<typeof requisitionJson>;
export type AccountMetadataJson = z.infer<typeof accountMetadataJson>;
export type AccountDetailsJson = z.infer<typeof accountDetailsJson>;
export type BalanceJson = z.infer<typeof balanceJson>;
export type TransactionJson = z.infer<typeof transactionJson>;
export type TransactionsJson = z.infer<typeof transactionsJson>;
export type ErrorJson = z.infer<typeof errorJson>;
