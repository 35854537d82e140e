/**
 * Pure translations from GoCardless Bank Account Data's JSON to the app's provider
 * shapes, and the one place where its failures (HTTP status + error body, the consent
 * redirect's `error`, a requisition's status) become typed provider errors.
 */
import { createHash } from "node:crypto";
import { storedMessage } from "@/lib/i18n/stored-message";
import { normalizeDecimal } from "@/lib/money";
import {
  ConsentExpired,
  ConsentRefused,
  InstitutionUnavailable,
  ProviderRejected,
  ProviderTransient,
  RateLimited,
  type ProviderError,
} from "@/lib/providers/errors";
import type { Institution, ProviderAccount, ProviderTransaction } from "@/lib/providers/types";
import {
  errorJson,
  type AccountDetailsJson,
  type AccountMetadataJson,
  type BalanceJson,
  type InstitutionJson,
  type TransactionJson,
  type TransactionsJson,
} from "./types";

/** What GoCardless assumes when an institution does not say (its documented defaults). */
export const DEFAULT_HISTORY_DAYS = 90;
export const DEFAULT_ACCESS_DAYS = 90;
const MAX_HISTORY_DAYS = 730;
const MAX_ACCESS_DAYS = 180;

function clamp(value: number | null | undefined, min: number, max: number, fallback: number): number {
  return value !== null && value !== undefined && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : fallback;
}

export function historyDays(json: InstitutionJson): number {
  return clamp(json.transaction_total_days, 1, MAX_HISTORY_DAYS, DEFAULT_HISTORY_DAYS);
}

/**
 * Access asked in the agreement: the longest the bank allows (GoCardless caps it at 180
 * days, 90 when the bank does not say). Some banks allow less than 90, and GoCardless
 * refuses an agreement that asks for more than the bank's maximum.
 */
export function accessDays(json: InstitutionJson): number {
  return clamp(json.max_access_valid_for_days, 1, MAX_ACCESS_DAYS, DEFAULT_ACCESS_DAYS);
}

/**
 * Our institution id for one country of a GoCardless institution: "N26_NTSBDEB1@DE".
 * GoCardless lists one institution under every country it serves, while the directory
 * keeps one row per (provider, institution id) and searches by country; the suffix gives
 * each country its row. `goCardlessInstitutionId` takes it off again (a bare id is accepted).
 */
export function institutionRef(id: string, country: string): string {
  return `${id}@${country}`;
}

export function goCardlessInstitutionId(providerInstitutionId: string): string {
  const at = providerInstitutionId.lastIndexOf("@");
  return at > 0 ? providerInstitutionId.slice(0, at) : providerInstitutionId;
}

/** One Institution per country the bank serves: the directory is searched by country. */
export function toInstitutions(json: InstitutionJson): Institution[] {
  const countries = [...new Set(json.countries.map((country) => country.toUpperCase()))];
  return countries.map((country) => ({
    provider: "gocardless",
    providerInstitutionId: institutionRef(json.id, country),
    name: json.name,
    country,
    bic: json.bic || null,
    logoUrl: json.logo || null,
    beta: false,
    maxHistoryDays: historyDays(json),
    // Access is by consent (up to 180 days), not by a login we replay: scheduled runs work.
    supportsBackgroundRefresh: true,
    accountTypes: [],
    available: true,
  }));
}

/**
 * Our id for a GoCardless account. GoCardless gives new account ids with every new
 * requisition (its help centre: "assume they will change"), so a reconnect would look
 * like new accounts. The IBAN (else BBAN) from the account's metadata stays the same, so
 * it is the id whenever it is unique within the requisition; otherwise (no number, or
 * several currency pockets sharing one IBAN) GoCardless's own id is used.
 */
export function stableAccountIds(metadata: AccountMetadataJson[]): Map<string, string> {
  const numberOf = (account: AccountMetadataJson) =>
    account.iban ? `iban:${account.iban.replace(/\s+/g, "").toUpperCase()}` : account.bban ? `bban:${account.bban.replace(/\s+/g, "")}` : null;
  const counts = new Map<string, number>();
  for (const account of metadata) {
    const key = numberOf(account);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const ids = new Map<string, string>();
  for (const account of metadata) {
    const key = numberOf(account);
    ids.set(account.id, key && counts.get(key) === 1 ? key : account.id);
  }
  return ids;
}

const ACCOUNT_TYPES: Record<string, string> = {
  CACC: "current",
  SVGS: "savings",
  CARD: "card",
  LOAN: "loan",
  MOMA: "money_market",
  TRAN: "current",
};

/** Balance types in the order we trust them for "the balance" (ISO 20022 codes GoCardless passes through). */
const BALANCE_PREFERENCE = ["interimBooked", "closingBooked", "expected", "interimAvailable", "closingAvailable", "openingBooked"];

export function pickBalance(balances: BalanceJson[], now: Date): ProviderAccount["balance"] {
  const chosen =
    BALANCE_PREFERENCE.map((type) => balances.find((balance) => balance.balanceType === type)).find(Boolean) ?? balances[0];
  if (!chosen) return null;
  const asOf = chosen.lastChangeDateTime ?? chosen.referenceDate;
  const parsed = asOf ? new Date(asOf) : now;
  return {
    amount: toDecimal(chosen.balanceAmount.amount),
    currency: chosen.balanceAmount.currency,
    asOf: Number.isNaN(parsed.getTime()) ? now : parsed,
  };
}

export function toAccount(
  providerAccountId: string,
  details: AccountDetailsJson["account"],
  metadata: AccountMetadataJson | null,
  balance: ProviderAccount["balance"],
): ProviderAccount {
  const iban = details.iban || metadata?.iban || null;
  const localNumber = details.bban ?? metadata?.bban ?? details.scan ?? null;
  const type = details.cashAccountType ? (ACCOUNT_TYPES[details.cashAccountType.toUpperCase()] ?? details.cashAccountType.toLowerCase()) : "current";
  return {
    providerAccountId,
    name: details.name || details.displayName || details.product || details.ownerName || metadata?.owner_name || iban || "Bank account",
    iban,
    accountNumber: iban ?? localNumber ?? providerAccountId,
    // "XXX" is ISO 4217's "no currency": only when the bank's details could not be read today.
    currency: (details.currency || balance?.currency || "XXX").toUpperCase(),
    type,
    balance,
  };
}

/** GoCardless passes the bank's decimal string through; keep at least cents, never a float. */
export function toDecimal(amount: string): string {
  const fraction = amount.split(".")[1]?.length ?? 0;
  return normalizeDecimal(amount, Math.max(2, fraction));
}

const day = (value: string | null | undefined): string | null => (value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);

function description(json: TransactionJson): string {
  const candidates = [
    json.remittanceInformationUnstructured,
    json.remittanceInformationUnstructuredArray?.join(" "),
    json.remittanceInformationStructured,
    json.remittanceInformationStructuredArray?.join(" "),
    json.additionalInformation,
  ];
  return (candidates.find((text) => text && text.trim()) ?? "").replace(/\s+/g, " ").trim();
}

/** Stable text of a line: keys sorted, so the same line always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The transactions of one response, posted then pending, oldest first.
 *
 * Id: the bank's `transactionId`, else GoCardless's `internalTransactionId`, else a hash
 * of the line itself (many PSD2 banks send neither, above all for pending lines). Two
 * identical lines on the same day (two equal coffees) would hash alike, so the second
 * one gets "#2": stable as long as the bank lists them in the same order.
 *
 * `fallbackDate` dates a pending line that has no booking or value date yet (the end of
 * the requested window).
 */
export function toTransactions(json: TransactionsJson, fallbackDate: string): ProviderTransaction[] {
  const seen = new Map<string, number>();
  const convert = (line: TransactionJson, status: "posted" | "pending"): ProviderTransaction => {
    const amount = toDecimal(line.transactionAmount.amount);
    const outgoing = amount.startsWith("-");
    let id = line.transactionId || line.internalTransactionId;
    if (!id) {
      const hash = `gch_${createHash("sha256").update(`${status}|${canonical(line)}`).digest("hex").slice(0, 32)}`;
      const count = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, count);
      id = count === 1 ? hash : `${hash}#${count}`;
    }
    // Money out names whom we paid (the creditor); money in, who paid us (the debtor).
    const partnerName = outgoing ? (line.creditorName ?? line.ultimateCreditor) : (line.debtorName ?? line.ultimateDebtor);
    const partnerAccount = outgoing ? line.creditorAccount : line.debtorAccount;
    const bookingDate = day(line.bookingDate) ?? day(line.bookingDateTime) ?? day(line.valueDate) ?? day(line.valueDateTime) ?? fallbackDate;
    const endToEnd = line.endToEndId && line.endToEndId.toUpperCase() !== "NOTPROVIDED" ? line.endToEndId : null;
    return {
      providerTransactionId: id,
      status,
      bookingDate,
      valueDate: day(line.valueDate) ?? day(line.valueDateTime),
      amount,
      currency: line.transactionAmount.currency.toUpperCase(),
      description: description(line) || partnerName || "",
      partnerName: partnerName || null,
      partnerAccount: partnerAccount?.iban || partnerAccount?.bban || null,
      reference: endToEnd,
      raw: line,
    };
  };
  const byDate = (a: ProviderTransaction, b: ProviderTransaction) => (a.bookingDate < b.bookingDate ? -1 : a.bookingDate > b.bookingDate ? 1 : 0);
  // GoCardless lists newest first; a stable sort keeps the bank's order within a day.
  const posted = json.transactions.booked.map((line) => convert(line, "posted")).reverse().sort(byDate);
  const pending = json.transactions.pending.map((line) => convert(line, "pending")).reverse().sort(byDate);
  return [...posted, ...pending];
}

/** Requisition statuses that mean the consent is usable. */
export const LINKED = "LN";

/** The typed error for a requisition that is not (or no longer) linked. */
export function errorFromRequisitionStatus(status: string): ProviderError {
  const options = { providerCode: `requisition_${status}` };
  switch (status) {
    case "EX":
      return new ConsentExpired(options);
    case "SU": // suspended after repeated errors at the bank: only a new consent helps
      return new ConsentExpired({ ...options, text: storedMessage("providerSentences.gocardless.connectionSuspended") });
    case "RJ":
      return new ConsentRefused({ ...options, text: storedMessage("providerSentences.gocardless.loginOrConsentRefused") });
    case "ER":
      return new InstitutionUnavailable(options);
    default: // CR, ID, GC, UA, SA, GA: the user left before finishing
      return new ConsentRefused({ ...options, text: storedMessage("providerSentences.gocardless.consentNotFinished") });
  }
}

/** The typed error for the `error` GoCardless appends to the redirect ("End user authentication messages"). */
export function errorFromCallback(code: string, details: string | null): ProviderError {
  const options = { providerCode: code };
  switch (code) {
    case "UserCancelledSession":
      return new ConsentRefused(options);
    case "UserSessionRejected":
      return new ConsentRefused({ ...options, text: storedMessage("providerSentences.gocardless.loginRejected") });
    case "InstitutionTechnicalError":
      return new InstitutionUnavailable(options);
    case "GoCardlessTechnicalError":
      return new ProviderTransient(options);
    case "RequisitionLinkReused":
      return new ProviderRejected({ ...options, text: storedMessage("providerSentences.gocardless.linkReused") });
    case "CompanyRequisitionLimitReached":
      return new ProviderRejected({ ...options, text: storedMessage("providerSentences.gocardless.connectionLimit") });
    default:
      return new ProviderRejected({ ...options, text: details ? storedMessage("providerSentences.gocardless.consentFailedWithWords", { words: details }) : undefined });
  }
}

/** Reads a header under its documented name (HTTP_X_RATELIMIT_…) or the X-RateLimit-… spelling. */
function seconds(headers: Headers, names: string[]): number | null {
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null && /^\d+$/.test(value.trim())) return Number(value.trim());
  }
  return null;
}

/** When a 429 ends: the per-account reset, else the general one, else "try again in N seconds" in the body. */
export function retryAfterFrom(headers: Headers, detail: string, now: Date): Date | null {
  const reset =
    seconds(headers, ["HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET", "X-RateLimit-Account-Success-Reset"]) ??
    seconds(headers, ["HTTP_X_RATELIMIT_RESET", "X-RateLimit-Reset"]) ??
    (/in (\d+) seconds?/i.exec(detail)?.[1] ? Number(/in (\d+) seconds?/i.exec(detail)![1]) : null);
  return reset === null ? null : new Date(now.getTime() + reset * 1000);
}

/**
 * A 400 about the request's fields names each field with its own error body, e.g.
 * `{"date_from": {"summary": "Invalid date_from", "detail": "...", "status_code": 400}}`:
 * "date_from: <detail>" for each, or null when the body is not of that shape.
 */
function fieldErrors(body: unknown): string | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const parts = Object.entries(body).flatMap(([field, value]) => {
    const parsed = errorJson.safeParse(value);
    if (!value || typeof value !== "object" || !parsed.success) return [];
    const detail = Array.isArray(parsed.data.detail) ? parsed.data.detail.join(" ") : parsed.data.detail;
    const text = detail || parsed.data.summary;
    return text ? [`${field}: ${text}`] : [];
  });
  return parts.length > 0 ? parts.join("; ") : null;
}

/**
 * The consent behind the call is gone: expired, revoked at the bank, or the agreement
 * deleted or not covering the call (403 "No valid End User Agreement", documented on the
 * account endpoints next to AccessExpiredError and AccountInactiveError).
 */
function consentLost(status: number, type: string | null, text: string): boolean {
  if (type === "AccessExpiredError" || type === "AccountInactiveError") return true;
  if (/(agreement|EUA)\b.*\b(expired|revoked)|access has expired|has been revoked/i.test(text)) return true;
  return status === 403 && /(no valid|invalid) (end user agreement|EUA)|(end user agreement|EUA)\b.*\b(not found|deleted|does not (cover|include|allow))/i.test(text);
}

/** The typed error for a failed GoCardless response (its "Statuses and error messages" page). */
export function errorFromResponse(status: number, body: unknown, headers: Headers, now: Date): ProviderError {
  const parsed = errorJson.safeParse(body);
  const error = parsed.success ? parsed.data : null;
  const summary = error?.summary ?? "";
  const detail = Array.isArray(error?.detail) ? error.detail.join(" ") : (error?.detail ?? "");
  const type = error?.type ?? null;
  const options = { providerCode: type ?? (summary || null), httpStatus: status };
  if (status === 429 || type === "RateLimitError") return new RateLimited(retryAfterFrom(headers, detail, now), options);
  if (consentLost(status, type, `${summary} ${detail}`)) return new ConsentExpired(options);
  if (status === 409 && /suspended/i.test(`${type ?? ""} ${summary}`)) {
    return new ConsentExpired({ ...options, text: storedMessage("providerSentences.gocardless.accountSuspended") });
  }
  if (status === 409 || type === "AccountProcessing") return new ProviderTransient(options); // still being processed: retry later
  if (type === "ServiceError" || type === "ConnectionError" || /not operational/i.test(summary)) return new InstitutionUnavailable(options);
  if (status >= 500 || status === 408) return new ProviderTransient(options);
  if (status === 401) {
    return new ProviderRejected({ ...options, text: storedMessage("providerSentences.gocardless.secretsRefused") });
  }
  const fields = summary ? null : fieldErrors(body);
  if (fields) return new ProviderRejected({ ...options, providerCode: "invalid_fields", text: storedMessage("providerSentences.gocardless.refusedWithWords", { words: fields }) });
  return new ProviderRejected({
    ...options,
    text: summary ? storedMessage("providerSentences.gocardless.refusedWithWords", { words: detail ? `${summary} (${detail})` : summary }) : undefined,
  });
}
