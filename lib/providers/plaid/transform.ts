/**
 * Pure functions from Plaid's JSON to the shared provider shapes, and Plaid's errors to
 * the typed errors of DESIGN.md. Plaid counts money out as positive: every amount is
 * negated here, as a decimal string.
 */
import { storedMessage } from "@/lib/i18n/stored-message";
import {
  ConsentExpired,
  InstitutionUnavailable,
  InvalidCredentials,
  ProviderRejected,
  ProviderTransient,
  RateLimited,
  type ProviderError,
} from "@/lib/providers/errors";
import type { Institution, ProviderAccount, ProviderTransaction } from "@/lib/providers/types";
import { normalizeDecimal } from "@/lib/money";
import { negateDecimal } from "./decimal-json";
import { plaidErrorJson, type AccountJson, type InstitutionJson, type TransactionJson } from "./types";

/** Keeps the decimals Plaid gave, at least two ("-5" -> "-5.00", "0.125" stays). */
function money(value: string): string {
  const decimals = value.split(".")[1]?.length ?? 0;
  return normalizeDecimal(value, Math.max(2, decimals));
}

export function toInstitution(json: InstitutionJson, options: { countryCodes: string[]; maxHistoryDays: number }): Institution {
  const country = json.country_codes.find((code) => options.countryCodes.includes(code)) ?? json.country_codes[0] ?? "US";
  const down = [json.status?.item_logins?.status, json.status?.transactions_updates?.status].includes("DOWN");
  return {
    provider: "plaid",
    providerInstitutionId: json.institution_id,
    name: json.name,
    country,
    bic: null,
    logoUrl: json.logo ? `data:image/png;base64,${json.logo}` : null,
    beta: false,
    maxHistoryDays: options.maxHistoryDays,
    supportsBackgroundRefresh: true,
    accountTypes: [],
    available: !down,
  };
}

// Plaid reports what is owed on these as a positive "current" balance.
const LIABILITY_TYPES = new Set(["credit", "loan"]);

export function toAccount(json: AccountJson, now: Date): ProviderAccount {
  const currency = json.balances.iso_currency_code ?? json.balances.unofficial_currency_code ?? "USD";
  const current = json.balances.current ?? json.balances.available ?? null;
  const amount = current === null ? null : money(LIABILITY_TYPES.has(json.type) ? negateDecimal(current) : current);
  const asOf = json.balances.last_updated_datetime ? new Date(json.balances.last_updated_datetime) : now;
  return {
    providerAccountId: json.account_id,
    name: json.official_name && json.official_name.length <= 60 ? json.official_name : json.name,
    iban: null,
    // Without the Auth product Plaid gives only the last digits.
    accountNumber: json.mask ? `••••${json.mask}` : json.account_id,
    currency,
    type: json.subtype ?? json.type,
    balance: amount === null ? null : { amount, currency, asOf },
  };
}

export function toTransaction(json: TransactionJson): ProviderTransaction {
  const counterparty = json.counterparties?.find((c) => c.type === "merchant") ?? json.counterparties?.[0];
  return {
    providerTransactionId: json.transaction_id,
    status: json.pending ? "pending" : "posted",
    bookingDate: json.date,
    valueDate: null,
    amount: money(negateDecimal(json.amount)),
    currency: json.iso_currency_code ?? json.unofficial_currency_code ?? "USD",
    description: json.name ?? json.original_description ?? json.merchant_name ?? "",
    partnerName: json.merchant_name ?? counterparty?.name ?? json.payment_meta?.payee ?? json.payment_meta?.payer ?? null,
    partnerAccount: null,
    reference: json.payment_meta?.reference_number ?? null,
    // A posted line names the pending line it replaces (Plaid removes that one in the same sync).
    pendingTransactionId: json.pending ? null : json.pending_transaction_id ?? null,
    raw: json,
  };
}

/** A transaction Plaid removed: only its id is known. */
export function toRemoved(transactionId: string): ProviderTransaction {
  return {
    providerTransactionId: transactionId, status: "removed", bookingDate: "", valueDate: null, amount: "0.00", currency: "",
    description: "", partnerName: null, partnerAccount: null, reference: null,
  };
}

const LOGIN_REQUIRED = new Set(["ITEM_LOGIN_REQUIRED", "INVALID_CREDENTIALS", "INVALID_MFA", "INSUFFICIENT_CREDENTIALS", "ITEM_LOCKED", "USER_SETUP_REQUIRED", "INVALID_UPDATED_USERNAME"]);
const CONSENT_GONE = new Set(["ITEM_NOT_FOUND", "INVALID_ACCESS_TOKEN", "ACCESS_NOT_GRANTED", "NO_ACCOUNTS", "USER_PERMISSION_REVOKED", "ITEM_CONCURRENTLY_DELETED"]);
const OAUTH_CONSENT_GONE = new Set(["OAUTH_CONSENT_EXPIRED", "OAUTH_USER_REVOKED"]);
const INSTITUTION_DOWN = new Set(["INSTITUTION_DOWN", "INSTITUTION_NOT_RESPONDING", "INSTITUTION_NOT_AVAILABLE", "INSTITUTION_NO_LONGER_SUPPORTED", "INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT"]);

/** Plaid has not pulled the Item's transactions yet: said by an error code or by an empty first sync page. */
export const PRODUCT_NOT_READY = storedMessage("providerSentences.plaid.productNotReady");

/** Plaid's rate limits are per minute (docs: "Rate limit exceeded errors"). */
export const PLAID_RATE_WINDOW_MS = 60_000;

/** A Plaid error body (HTTP status from the answer) as one of our typed errors. */
export function errorFromResponse(status: number, body: unknown, now: Date = new Date()): ProviderError {
  const parsed = plaidErrorJson.safeParse(body);
  const error = parsed.success ? parsed.data : null;
  const code = error?.error_code ?? null;
  const options = { providerCode: code, httpStatus: status };
  if (code === "ITEM_LOGIN_REQUIRED" && OAUTH_CONSENT_GONE.has(error?.error_code_reason ?? "")) return new ConsentExpired(options);
  if (code && LOGIN_REQUIRED.has(code)) {
    return new InvalidCredentials({ ...options, text: storedMessage("providerSentences.plaid.signInAgain") });
  }
  if (code && CONSENT_GONE.has(code)) return new ConsentExpired(options);
  if (code && INSTITUTION_DOWN.has(code)) return new InstitutionUnavailable(options);
  // Plaid's limits count calls per Item per minute and it sends no Retry-After: the next
  // minute is when a call may succeed again (the call budget holds every call until then).
  if (error?.error_type === "RATE_LIMIT_EXCEEDED" || code === "RATE_LIMIT_EXCEEDED" || status === 429) {
    return new RateLimited(new Date(now.getTime() + PLAID_RATE_WINDOW_MS), options);
  }
  if (code === "PRODUCT_NOT_READY") {
    return new ProviderTransient({ ...options, text: PRODUCT_NOT_READY });
  }
  if (code === "INVALID_API_KEYS" || code === "UNAUTHORIZED_ENVIRONMENT" || code === "INVALID_PRODUCT") {
    return new ProviderRejected({ ...options, text: storedMessage("providerSentences.plaid.credentialsRefused") });
  }
  if (code === "INVALID_PUBLIC_TOKEN" || code === "INVALID_LINK_TOKEN") {
    return new ProviderRejected({ ...options, text: storedMessage("providerSentences.plaid.linkAnswerUnusable") });
  }
  if (status >= 500 || status === 408 || error?.error_type === "API_ERROR") return new ProviderTransient(options);
  return new ProviderRejected({ ...options, text: error?.display_message ? storedMessage("providerSentences.plaid.refusedWithWords", { words: error.display_message }) : undefined });
}

/** The error Plaid Link reports when the user leaves it (our Link page passes it on in the callback). */
export function errorFromLinkExit(code: string, message: string | null): ProviderError {
  if (LOGIN_REQUIRED.has(code)) return new InvalidCredentials({ providerCode: code });
  if (INSTITUTION_DOWN.has(code)) return new InstitutionUnavailable({ providerCode: code });
  return new ProviderRejected({
    providerCode: code,
    text: message ? storedMessage("providerSentences.plaid.linkStopped", { words: message }) : storedMessage("providerSentences.plaid.linkClosed"),
  });
}
