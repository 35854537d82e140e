/**
 * Pure translations between Salt Edge's JSON and the shared provider types: institutions,
 * accounts, transactions, error classes to typed errors, and the MFA challenge id.
 */
import { storedMessage } from "@/lib/i18n/stored-message";
import {
  AlreadyConnected,
  ConsentExpired,
  ConsentRefused,
  InstitutionUnavailable,
  InvalidCredentials,
  ProviderRejected,
  ProviderTransient,
  RateLimited,
  type ProviderError,
} from "@/lib/providers/errors";
import type { Institution, ProviderAccount, ProviderTransaction } from "@/lib/providers/types";
import { normalizeDecimal } from "@/lib/money";
import { errorJson, type AccountJson, type ProviderJson, type TransactionJson } from "./types";

const DEFAULT_HISTORY_DAYS = 90;

export function toInstitution(json: ProviderJson): Institution {
  return {
    provider: "saltedge",
    providerInstitutionId: json.code,
    name: json.name,
    country: json.country_code.toUpperCase(),
    bic: json.bic_codes?.[0] ?? null,
    logoUrl: json.logo_url ?? null,
    // Salt Edge has no beta flag; its fake banks (country XF) are test-only.
    beta: json.country_code.toUpperCase() === "XF",
    maxHistoryDays: json.max_fetch_interval ?? DEFAULT_HISTORY_DAYS,
    supportsBackgroundRefresh: json.automatic_fetch ?? true,
    accountTypes: json.supported_account_types ?? [],
    available: json.status === "active",
  };
}

export function toAccount(json: AccountJson): ProviderAccount {
  const iban = json.extra?.iban?.replace(/\s+/g, "") || null;
  return {
    providerAccountId: json.id,
    name: json.name,
    iban,
    accountNumber: iban ?? json.extra?.account_number ?? json.name,
    currency: json.currency_code,
    type: json.nature ?? "account",
    balance:
      json.balance == null
        ? null
        : { amount: normalizeDecimal(json.balance), currency: json.currency_code, asOf: new Date(json.updated_at ?? Date.now()) },
  };
}

/** Salt Edge already signs money out negative; the digits are Salt Edge's own (see ./json). */
export function toTransaction(json: TransactionJson): ProviderTransaction {
  const amount = normalizeDecimal(json.amount);
  const out = amount.startsWith("-");
  const extra = json.extra ?? {};
  return {
    providerTransactionId: json.id,
    status: json.status,
    bookingDate: json.made_on,
    valueDate: extra.posting_date && /^\d{4}-\d{2}-\d{2}$/.test(extra.posting_date) ? extra.posting_date : null,
    amount,
    currency: json.currency_code,
    description: json.description?.trim() || extra.additional?.trim() || "",
    partnerName: (out ? extra.payee : extra.payer)?.trim() || null,
    partnerAccount: (out ? extra.payee_information : extra.payer_information)?.trim() || null,
    reference: extra.end_to_end_id?.trim() || null,
    raw: json,
  };
}

/** The challenge of an interactive connection: which connection and which fields it asks for. */
export function challengeId(connectionId: string, fields: string[]): string {
  return `${connectionId}:${fields.join(",")}`;
}

export function parseChallengeId(value: string): { connectionId: string; fields: string[] } | null {
  const match = /^([^:]+):([\w,-]*)$/.exec(value);
  if (!match) return null;
  return { connectionId: match[1]!, fields: match[2] ? match[2].split(",") : [] };
}

/**
 * The bank's own words asking for the code (`interactive_html` without its tags), verbatim:
 * they are in the bank's language. Null when the bank wrote none, so the app asks in the
 * reader's language rather than in a sentence of ours passed off as the bank's.
 */
export function promptFrom(html: string | null | undefined): string | null {
  const textOnly = (html ?? "").replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return textOnly || null;
}

/**
 * Salt Edge error classes (API v6 "Errors" list and attempts' `fail_error_class`) to typed
 * errors. Unknown classes are refusals unless the HTTP status says the server failed.
 */
export function errorFromClass(errorClass: string, message: string | null, options: { httpStatus?: number | null; retryAfter?: Date | null } = {}): ProviderError {
  const base = { providerCode: errorClass, httpStatus: options.httpStatus ?? null };
  switch (errorClass) {
    case "DuplicatedConnection":
    case "ConnectionDuplicated":
      return new AlreadyConnected({ ...base, text: storedMessage("providerSentences.saltedge.duplicated") });
    case "ConsentRejected":
    case "ConsentRefused":
      return new ConsentRefused(base);
    case "InvalidCredentials":
    case "WrongInteractiveCredentials":
    case "InvalidInteractiveCredentials":
      return new InvalidCredentials(base);
    case "ConsentExpired":
    case "ConsentRevoked":
    case "ConsentNotFound":
    case "ConnectionNotFound":
    case "ConnectionDisabled":
    case "ConnectionInactive":
      return new ConsentExpired(base);
    case "ConnectionCannotBeRefreshed":
    case "TooManyRequests":
    case "RateLimitExceeded":
      return new RateLimited(options.retryAfter ?? null, base);
    case "ProviderUnavailable":
    case "ProviderInactive":
    case "ProviderDisabled":
    case "ProviderError":
      return new InstitutionUnavailable(base);
    case "ExecutionTimeout":
    case "InteractiveTimeout":
    case "InteractiveAdapterTimeout":
    case "InternalServerError":
    case "FetchingTimeout":
      return new ProviderTransient(base);
    default:
      if ((options.httpStatus ?? 0) >= 500) return new ProviderTransient(base);
      return new ProviderRejected({ ...base, text: message ? storedMessage("providerSentences.saltedge.refusedWithWords", { words: message }) : undefined });
  }
}

export function errorFromResponse(status: number, payload: unknown, headers: Headers, now: Date): ProviderError {
  const parsed = errorJson.safeParse(payload);
  const errorClass = parsed.success ? (parsed.data.error?.class ?? parsed.data.error_class ?? null) : null;
  const message = parsed.success ? (parsed.data.error?.message ?? parsed.data.error_message ?? null) : null;
  const retryAfterSeconds = Number(headers.get("retry-after"));
  const retryAfter = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? new Date(now.getTime() + retryAfterSeconds * 1000) : null;
  if (errorClass) return errorFromClass(errorClass, message, { httpStatus: status, retryAfter });
  if (status === 429) return new RateLimited(retryAfter, { httpStatus: status, providerCode: "http_429" });
  if (status >= 500) return new ProviderTransient({ httpStatus: status, providerCode: `http_${status}` });
  return new ProviderRejected({ httpStatus: status, providerCode: `http_${status}` });
}
