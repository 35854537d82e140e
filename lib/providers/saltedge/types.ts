/**
 * The parts of Salt Edge's Account Information API v6 JSON that the adapter reads, as zod
 * schemas. Every answer wraps its payload in `data`; lists add `meta.next_id` (the
 * `from_id` of the next page, null on the last). Ids are strings. Money fields arrive as
 * strings because ./json rewrites Salt Edge's JSON numbers before parsing. Unknown fields
 * are ignored; optional ones are `nullish` (omitted or null).
 */
import { z } from "zod";

const text = z.string().nullish();
/** An id: strings in v6; a number is accepted and kept as its digits. */
const id = z.union([z.string(), z.number().int()]).transform(String);
const money = z.string().regex(/^-?\d+(\.\d+)?$/);

export const pageMetaJson = z.object({ next_id: id.nullish(), next_page: text }).nullish();
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), meta: pageMetaJson });
}
export function dataOf<T extends z.ZodType>(item: T) {
  return z.object({ data: item });
}

export const errorJson = z.object({
  error: z.object({ class: z.string(), message: text }).nullish(),
  /** Older answers put the class at the top level. */
  error_class: text,
  error_message: text,
});

export const customerJson = z.object({ customer_id: id, identifier: z.string() });

export const connectSessionJson = z.object({ connect_url: z.string(), expires_at: text, customer_id: id.nullish() });

export const attemptJson = z.object({
  id: id.nullish(),
  finished: z.boolean().nullish(),
  finished_recent: z.boolean().nullish(),
  interactive: z.boolean().nullish(),
  last_stage: z.object({ name: z.string(), interactive_fields_names: z.array(z.string()).nullish(), interactive_html: text }).nullish(),
  fail_error_class: text,
  fail_message: text,
  fail_at: text,
  success_at: text,
});
export type AttemptJson = z.infer<typeof attemptJson>;

export const connectionJson = z.object({
  id,
  customer_id: id.nullish(),
  provider_code: z.string(),
  provider_name: text,
  country_code: text,
  /** "active", "inactive" (needs a reconnect) or "disabled". */
  status: z.string(),
  last_consent_id: id.nullish(),
  last_attempt: attemptJson.nullish(),
  next_refresh_possible_at: text,
  last_success_at: text,
  automatic_refresh: z.boolean().nullish(),
});
export type ConnectionJson = z.infer<typeof connectionJson>;

export const consentJson = z.object({
  id,
  connection_id: id.nullish(),
  status: text,
  expires_at: text,
  revoked_at: text,
});

export const accountJson = z.object({
  id,
  connection_id: id.nullish(),
  name: z.string(),
  nature: text,
  balance: money.nullish(),
  currency_code: z.string(),
  updated_at: text,
  extra: z
    .object({
      iban: text,
      account_number: text,
      sort_code: text,
      available_amount: money.nullish(),
      status: text,
    })
    .nullish(),
});
export type AccountJson = z.infer<typeof accountJson>;

export const transactionJson = z.object({
  id,
  account_id: id,
  duplicated: z.boolean().nullish(),
  mode: text,
  status: z.enum(["posted", "pending"]),
  made_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  amount: money,
  currency_code: z.string(),
  description: z.string().nullish(),
  extra: z
    .object({
      payee: text,
      payer: text,
      payee_information: text,
      payer_information: text,
      posting_date: text,
      end_to_end_id: text,
      additional: text,
    })
    .nullish(),
});
export type TransactionJson = z.infer<typeof transactionJson>;

export const providerJson = z.object({
  code: z.string(),
  name: z.string(),
  country_code: z.string(),
  /** "active", "inactive" or "disabled". */
  status: z.string(),
  mode: text,
  interactive: z.boolean().nullish(),
  automatic_fetch: z.boolean().nullish(),
  logo_url: text,
  bic_codes: z.array(z.string()).nullish(),
  /** Days of history the bank returns. */
  max_fetch_interval: z.number().int().nullish(),
  max_consent_days: z.number().int().nullish(),
  supported_account_types: z.array(z.string()).nullish(),
});
export type ProviderJson = z.infer<typeof providerJson>;

export const removedJson = z.object({ id: id.nullish(), removed: z.boolean() });

/** A callback's body: `data` with the connection, `meta` with the API version and time. */
export const callbackJson = z.object({
  data: z.object({
    connection_id: id,
    customer_id: id.nullish(),
    custom_fields: z.record(z.string(), z.unknown()).nullish(),
    stage: text,
    error_class: text,
    error_message: text,
    html: text,
    interactive_fields_names: z.array(z.string()).nullish(),
  }),
  meta: z.object({ version: z.union([z.string(), z.number()]).nullish(), time: z.string() }),
});
export type CallbackJson = z.infer<typeof callbackJson>;
