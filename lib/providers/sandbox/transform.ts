/**
 * Pure translations from the Sandbox API's JSON to the app's provider shapes, including
 * the one place where Sandbox failures (HTTP status + error code, or the consent
 * callback's `error`) become typed provider errors.
 */
import { storedMessage } from "@/lib/i18n/stored-message";
import {
  AlreadyConnected,
  BackgroundRefreshUnsupported,
  ConsentExpired,
  ConsentRefused,
  InstitutionUnavailable,
  InvalidCredentials,
  MfaRequired,
  ProviderRejected,
  ProviderTransient,
  RateLimited,
  type ProviderError,
} from "@/lib/providers/errors";
import type { Institution, ProviderAccount, ProviderTransaction } from "@/lib/providers/types";
import { errorJson, type AccountJson, type InstitutionJson, type TransactionJson } from "./types";

export function toInstitution(json: InstitutionJson): Institution {
  return {
    provider: "sandbox",
    providerInstitutionId: json.id,
    name: json.name,
    country: json.country,
    bic: json.bic,
    logoUrl: json.logo_url,
    beta: json.beta,
    maxHistoryDays: json.max_history_days,
    supportsBackgroundRefresh: json.background_refresh,
    accountTypes: json.account_types,
    available: json.status === "up",
    dailyCallLimit: json.daily_refresh_limit,
  };
}

export function toAccount(json: AccountJson): ProviderAccount {
  return {
    providerAccountId: json.id,
    name: json.name,
    iban: json.iban,
    accountNumber: json.iban ?? json.account_number,
    currency: json.currency,
    type: json.type,
    balance: json.balance ? { amount: json.balance.amount, currency: json.balance.currency, asOf: new Date(json.balance.as_of) } : null,
  };
}

export function toTransaction(json: TransactionJson): ProviderTransaction {
  return {
    providerTransactionId: json.id,
    status: json.status,
    bookingDate: json.booking_date,
    valueDate: json.value_date,
    amount: json.amount,
    currency: json.currency,
    description: json.description,
    partnerName: json.partner_name,
    partnerAccount: json.partner_iban,
    reference: json.reference,
    raw: json,
  };
}

/** The typed error for a failed Sandbox API response. */
export function errorFromResponse(status: number, body: unknown): ProviderError {
  const parsed = errorJson.safeParse(body);
  const error = parsed.success ? parsed.data.error : null;
  const options = { providerCode: error?.code ?? null, httpStatus: status };
  switch (error?.code) {
    case "rate_limited":
      return new RateLimited(error.retry_after ? new Date(error.retry_after) : null, options);
    case "consent_expired":
    case "connection_not_found": // deleted at the Sandbox: only a new consent helps
      return new ConsentExpired(options);
    case "mfa_required":
    case "invalid_mfa_code":
      if (error.challenge) return new MfaRequired(error.challenge, { ...options, codeRejected: error.code === "invalid_mfa_code" });
      break;
    case "invalid_credentials":
    case "login_required": // the bank wants the user to sign in again: Update Credentials
      return new InvalidCredentials(options);
    case "institution_unavailable":
      return new InstitutionUnavailable(options);
    case "already_connected":
      return new AlreadyConnected(options);
    case "background_refresh_unsupported":
      return new BackgroundRefreshUnsupported(options);
  }
  if (status === 429) return new RateLimited(null, options);
  if (status >= 500 || status === 408) return new ProviderTransient(options);
  return new ProviderRejected({
    ...options,
    text: error ? storedMessage("providerSentences.refusedWithWords", { words: error.message }) : undefined,
  });
}

/** The typed error for the `error` the consent page sent back to the callback. */
export function errorFromCallback(code: string): ProviderError {
  const options = { providerCode: code };
  switch (code) {
    case "invalid_credentials":
      return new InvalidCredentials(options);
    case "access_denied":
      return new ConsentRefused(options);
    case "institution_unavailable":
      return new InstitutionUnavailable(options);
    case "already_connected":
      return new AlreadyConnected(options);
    default:
      return new ProviderRejected(options);
  }
}
