/**
 * The Sandbox API's JSON contract (snake_case), as zod schemas: the adapter parses every
 * response with them, and the Sandbox server (lib/sandbox) parses requests and types its
 * responses with the same ones, so the two sides cannot drift apart.
 */
import { z } from "zod";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const decimal = z.string().regex(/^-?\d+\.\d{2}$/, "expected a decimal amount like -12.50");
const timestamp = z.iso.datetime();

export const institutionJson = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string().length(2),
  bic: z.string().nullable(),
  logo_url: z.string().nullable(),
  beta: z.boolean(),
  max_history_days: z.number().int().positive(),
  background_refresh: z.boolean(),
  account_types: z.array(z.string()),
  status: z.enum(["up", "down"]),
  /** Refreshes the bank allows per connection and UTC day; null for no limit of its own. */
  daily_refresh_limit: z.number().int().positive().nullable(),
});
export const institutionListJson = z.object({ institutions: z.array(institutionJson) });

export const linkSessionRequestJson = z.object({
  institution_id: z.string().min(1),
  redirect_uri: z.url({ protocol: /^https?$/ }),
  state: z.string().min(1).max(500),
  account_type: z.string().min(1).optional(),
  connection_id: z.string().min(1).optional(),
  customer_ref: z.string().min(1).max(200).optional(),
  webhook_url: z.url({ protocol: /^https?$/ }).optional(),
});
export const linkSessionJson = z.object({ id: z.string(), url: z.string(), expires_at: timestamp });

export const exchangeRequestJson = z.object({ code: z.string().min(1) });

export const balanceJson = z.object({ amount: decimal, currency: z.string(), as_of: timestamp });
export const accountJson = z.object({
  id: z.string(),
  name: z.string(),
  iban: z.string().nullable(),
  account_number: z.string(),
  currency: z.string(),
  type: z.string(),
  balance: balanceJson.nullable(),
});
export const accountListJson = z.object({ accounts: z.array(accountJson) });
export const exchangeJson = z.object({
  connection_id: z.string(),
  consent_expires_at: timestamp.nullable(),
  accounts: z.array(accountJson),
});

export const refreshRequestJson = z.object({
  background: z.boolean(),
  mfa_code: z.string().optional(),
  challenge_id: z.string().optional(),
});
export const refreshJson = z.object({ refresh_token: z.string(), expires_at: timestamp });

export const transactionJson = z.object({
  id: z.string(),
  status: z.enum(["posted", "pending"]),
  booking_date: day,
  value_date: day.nullable(),
  amount: decimal,
  currency: z.string(),
  description: z.string(),
  partner_name: z.string().nullable(),
  partner_iban: z.string().nullable(),
  reference: z.string().nullable(),
});
export const transactionPageJson = z.object({ transactions: z.array(transactionJson), next_cursor: z.string().nullable() });

export const revokeJson = z.object({ revoked: z.boolean(), deleted: z.boolean(), message: z.string().nullable() });

export const WEBHOOK_TYPES = ["transactions.available", "login_required", "consent.expiring"] as const;
export const simulateRequestJson = z.object({ failure: z.enum(["bank_error", "login_required"]).nullable() });
/** Test control: book a line today and one back-dated three days, on every granted account or the one named. */
export const bookLateRequestJson = z.object({ account_id: z.string().optional() });
export const lateBookingsJson = z.object({ transactions: z.array(transactionJson) });
export type LateBookingsJson = z.infer<typeof lateBookingsJson>;
export const webhookTestRequestJson = z.object({ url: z.url({ protocol: /^https?$/ }), type: z.enum(WEBHOOK_TYPES) });
export const webhookJson = z.object({
  id: z.string(),
  type: z.string(),
  connection_id: z.string(),
  account_ids: z.array(z.string()),
  created_at: timestamp,
});

export const errorJson = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retry_after: timestamp.optional(),
    challenge: z.object({ id: z.string(), prompt: z.string() }).optional(),
  }),
});

export type InstitutionJson = z.infer<typeof institutionJson>;
export type LinkSessionJson = z.infer<typeof linkSessionJson>;
export type AccountJson = z.infer<typeof accountJson>;
export type ExchangeJson = z.infer<typeof exchangeJson>;
export type RefreshJson = z.infer<typeof refreshJson>;
export type TransactionJson = z.infer<typeof transactionJson>;
export type TransactionPageJson = z.infer<typeof transactionPageJson>;
export type RevokeJson = z.infer<typeof revokeJson>;
export type WebhookJson = z.infer<typeof webhookJson>;
export type ErrorJson = z.infer<typeof errorJson>;
