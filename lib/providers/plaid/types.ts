/**
 * The parts of Plaid's JSON (API reference and the OpenAPI spec plaid/plaid-openapi,
 * version 2020-09-14) that the adapter reads, as zod schemas. Money fields arrive as JSON
 * numbers; the API client turns their literals into strings before parsing (see
 * ./decimal-json), so they are strings here. Unknown fields are ignored.
 */
import { z } from "zod";

const text = z.string().nullish();
/** A money literal kept as written ("72.10"), never a JS number. */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

export const plaidErrorJson = z.object({
  error_type: z.string(),
  error_code: z.string(),
  error_code_reason: text,
  error_message: text,
  display_message: text,
  request_id: text,
});
export type PlaidErrorJson = z.infer<typeof plaidErrorJson>;

export const linkTokenJson = z.object({ link_token: z.string(), expiration: z.string(), request_id: z.string() });

export const exchangeJson = z.object({ access_token: z.string(), item_id: z.string(), request_id: z.string() });

const balancesJson = z.object({
  available: decimal.nullish(),
  current: decimal.nullish(),
  limit: decimal.nullish(),
  iso_currency_code: text,
  unofficial_currency_code: text,
  last_updated_datetime: text,
});

export const accountJson = z.object({
  account_id: z.string(),
  balances: balancesJson,
  mask: text,
  name: z.string(),
  official_name: text,
  type: z.string(),
  subtype: text,
});
export type AccountJson = z.infer<typeof accountJson>;

export const itemJson = z.object({
  item_id: z.string(),
  institution_id: text,
  consent_expiration_time: text,
  error: plaidErrorJson.nullish(),
});

export const accountsJson = z.object({ accounts: z.array(accountJson), item: itemJson, request_id: z.string() });

export const transactionJson = z.object({
  transaction_id: z.string(),
  account_id: z.string(),
  amount: decimal,
  iso_currency_code: text,
  unofficial_currency_code: text,
  date: z.string(),
  authorized_date: text,
  name: text,
  merchant_name: text,
  original_description: text,
  pending: z.boolean(),
  pending_transaction_id: text,
  payment_meta: z.object({ reference_number: text, payee: text, payer: text }).nullish(),
  counterparties: z.array(z.object({ name: z.string(), type: text })).nullish(),
});
export type TransactionJson = z.infer<typeof transactionJson>;

export const removedTransactionJson = z.object({ transaction_id: z.string(), account_id: z.string() });

export const transactionsSyncJson = z.object({
  added: z.array(transactionJson),
  modified: z.array(transactionJson),
  removed: z.array(removedTransactionJson),
  next_cursor: z.string(),
  has_more: z.boolean(),
  transactions_update_status: text,
  request_id: z.string(),
});
export type TransactionsSyncJson = z.infer<typeof transactionsSyncJson>;

const productStatusJson = z.object({ status: z.string() }).nullish();

export const institutionJson = z.object({
  institution_id: z.string(),
  name: z.string(),
  products: z.array(z.string()),
  country_codes: z.array(z.string()),
  url: text,
  /** Base64 PNG, with include_optional_metadata. */
  logo: text,
  oauth: z.boolean(),
  /** Only from /institutions/get_by_id with include_status. */
  status: z.object({ item_logins: productStatusJson, transactions_updates: productStatusJson }).nullish(),
});
export type InstitutionJson = z.infer<typeof institutionJson>;

export const institutionsJson = z.object({ institutions: z.array(institutionJson), total: z.number().int(), request_id: z.string() });

export const institutionByIdJson = z.object({ institution: institutionJson, request_id: z.string() });

export const itemRemoveJson = z.object({ request_id: z.string() });

export const verificationKeyJson = z.object({
  key: z.object({
    alg: z.string(),
    crv: z.string(),
    kid: z.string(),
    kty: z.string(),
    use: z.string(),
    x: z.string(),
    y: z.string(),
    created_at: z.number(),
    expired_at: z.number().nullable(),
  }),
  request_id: z.string(),
});
export type VerificationKeyJson = z.infer<typeof verificationKeyJson>["key"];

/** The webhook bodies the adapter acts on (Transactions and Item webhooks). */
export const webhookJson = z.object({
  webhook_type: z.string(),
  webhook_code: z.string(),
  item_id: z.string(),
  error: plaidErrorJson.nullish(),
  consent_expiration_time: text,
});
