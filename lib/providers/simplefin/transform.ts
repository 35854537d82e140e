/**
 * Pure functions between SimpleFIN's wire format and the app's shapes: the setup token and
 * the access URL it is exchanged for, accounts, transactions (amounts kept as the decimal
 * strings SimpleFIN sends, already negative for money out), date windows in epoch seconds,
 * and SimpleFIN's HTTP statuses and `errlist` entries as typed errors.
 */
import { addDays } from "@/lib/dates";
import { storedMessage, type StoredMessage, type StoredMessageKey } from "@/lib/i18n/stored-message";
import {
  ConsentExpired,
  InvalidCredentials,
  ProviderError,
  ProviderRejected,
  ProviderTransient,
  RateLimited,
} from "@/lib/providers/errors";
import type { Institution, ProviderAccount, ProviderTransaction } from "@/lib/providers/types";
import type { AccountJson, AccountSetJson, ConnectionJson, ErrorJson, TransactionJson } from "./types";

export const BRIDGE_INSTITUTION_ID = "simplefin-bridge";
/** The Bridge asks apps to stay at or under 24 requests a day per access URL. */
export const BRIDGE_DAILY_REQUESTS = 24;

const DAY_SECONDS = 24 * 60 * 60;

/** One row in the directory: SimpleFIN has no bank list before a token is claimed; the user picks banks at the Bridge. */
export function bridgeInstitution(historyDays: number): Institution {
  return {
    provider: "simplefin", providerInstitutionId: BRIDGE_INSTITUTION_ID, name: "SimpleFIN Bridge", country: "US", bic: null,
    logoUrl: null, beta: false, maxHistoryDays: historyDays, supportsBackgroundRefresh: true, accountTypes: [], available: true,
    dailyCallLimit: BRIDGE_DAILY_REQUESTS,
  };
}

const TOKEN_REJECTED = storedMessage("providerSentences.simplefin.notASetupToken");

function allowed(url: URL, allowedOrigins: string[]): boolean {
  return allowedOrigins.includes(url.origin);
}

/**
 * The claim URL inside a setup token (Base64 of a URL), if the token is one and points to
 * a SimpleFIN server we allow. Whitespace from copy and paste is ignored.
 */
export function decodeSetupToken(token: string, allowedOrigins: string[]): URL {
  const compact = token.replace(/\s+/g, "");
  if (!compact || compact.length > 2_000 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) {
    throw new ProviderRejected({ providerCode: "invalid_setup_token", text: TOKEN_REJECTED });
  }
  const decoded = Buffer.from(compact.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8").trim();
  if (!URL.canParse(decoded)) throw new ProviderRejected({ providerCode: "invalid_setup_token", text: TOKEN_REJECTED });
  const url = new URL(decoded);
  if (url.username || url.password) throw new ProviderRejected({ providerCode: "invalid_setup_token", text: TOKEN_REJECTED });
  if (!allowed(url, allowedOrigins)) {
    throw new ProviderRejected({
      providerCode: "setup_token_host_not_allowed",
      text: storedMessage("providerSentences.simplefin.hostNotAllowed", { host: url.host }),
    });
  }
  return url;
}

/** The access URL a claim answered: a URL with Basic credentials, on a server we allow. */
export function parseAccessUrl(body: string, allowedOrigins: string[]): string {
  const text = body.trim();
  const url = URL.canParse(text) ? new URL(text) : null;
  if (!url || !url.username || !url.password || !allowed(url, allowedOrigins)) {
    throw new ProviderTransient({ providerCode: "invalid_access_url", text: storedMessage("providerSentences.simplefin.noAccessUrl") });
  }
  return url.href.replace(/\/+$/, "");
}

/** The access URL split for fetch, which refuses URLs that carry credentials. */
export function splitAccessUrl(accessUrl: string): { root: string; authorization: string } {
  const url = new URL(accessUrl);
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = "";
  url.password = "";
  return { root: url.href.replace(/\/+$/, ""), authorization: `Basic ${Buffer.from(credentials, "utf8").toString("base64")}` };
}

/** SimpleFIN says its messages are for users but must be sanitized: plain text, one line, bounded. */
export function sanitizeMessage(value: string | null | undefined): string {
  return (value ?? "")
    .replace(/<[^>]*>/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

function retryAfter(headers: Headers, now: Date): Date | null {
  const value = headers.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return new Date(now.getTime() + seconds * 1000);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The typed error for a non-2xx answer to POST /claim/:token. */
export function claimError(status: number): ProviderError {
  if (status === 403) {
    // The protocol's checklist: tell the user the token may be compromised, so they disable it.
    return new ProviderRejected({
      providerCode: "claim_forbidden", httpStatus: status,
      text: storedMessage("providerSentences.simplefin.claimForbidden"),
    });
  }
  if (status >= 500) return new ProviderTransient({ providerCode: `http_${status}`, httpStatus: status });
  return new ProviderRejected({ providerCode: `http_${status}`, httpStatus: status, text: storedMessage("providerSentences.simplefin.tokenNotAccepted") });
}

/** The typed error for a non-2xx answer to GET /accounts. */
export function accountsError(status: number, headers: Headers, now: Date): ProviderError {
  const options = { providerCode: `http_${status}`, httpStatus: status };
  if (status === 403) {
    return new ConsentExpired({
      ...options,
      text: storedMessage("providerSentences.simplefin.accessDisabled"),
    });
  }
  if (status === 402) {
    return new ProviderRejected({ ...options, text: storedMessage("providerSentences.simplefin.paymentRequired") });
  }
  if (status === 429) return new RateLimited(retryAfter(headers, now), options);
  if (status >= 500) return new ProviderTransient(options);
  return new ProviderRejected(options);
}

/** SimpleFIN's words as they came (sanitized), shown after its name. */
function said(words: string): StoredMessage {
  return storedMessage("providerSentences.simplefin.said", { words });
}

/** Our sentence about an `errlist` entry, with SimpleFIN's words inside it when it sent any. */
function sentence(words: string, key: "authFailed" | "requestRefused" | "bankSignInFailed" | "dataNotRead"): StoredMessage {
  const withWords: StoredMessageKey = `providerSentences.simplefin.${key}`;
  const without: StoredMessageKey = `providerSentences.simplefin.${key}NoWords`;
  return words ? storedMessage(withWords, { words }) : storedMessage(without);
}

const QUOTA_WORDS = /\b(quota|rate.?limit|too many requests)\b/i;

/**
 * The error that stops this request, from the answer's `errlist` (or version 1 `errors`),
 * or null when the data asked for came through. With `accountIds`, errors about those
 * accounts or their bank connections count; without (the balance overview), only errors
 * about the whole answer do: one bank's trouble must not stop the others' accounts, and it
 * is raised when that account's transactions are read.
 */
export function errorFromAccountSet(set: AccountSetJson, scope: { accountIds: string[] | null }): ProviderError | null {
  const wanted = scope.accountIds ? new Set(scope.accountIds) : null;
  const connIds = new Set(set.accounts.filter((a) => wanted?.has(a.id)).map((a) => a.conn_id).filter(Boolean));
  const concerns = (error: ErrorJson) => {
    if (error.account_id) return wanted?.has(error.account_id) ?? false;
    if (error.conn_id) return connIds.has(error.conn_id);
    return true;
  };
  for (const error of (set.errlist ?? []).filter(concerns)) {
    const message = sanitizeMessage(error.msg ?? error.message);
    const options = { providerCode: error.code };
    if (QUOTA_WORDS.test(message)) return new RateLimited(null, { ...options, text: said(message) });
    if (error.code === "gen.auth") return new ConsentExpired({ ...options, text: sentence(message, "authFailed") });
    if (error.code === "gen.api") return new ProviderRejected({ ...options, text: sentence(message, "requestRefused") });
    if (error.code === "con.auth") return new InvalidCredentials({ ...options, text: sentence(message, "bankSignInFailed") });
    // act.failed, act.missingdata, other con. codes, and any code not known yet: an
    // incomplete account is not imported by halves; the next run reads the window again.
    // A general error beside the data asked for is a warning.
    if (!error.code.startsWith("gen") || set.accounts.length === 0) {
      return new ProviderTransient({ ...options, text: sentence(message, "dataNotRead") });
    }
  }
  // Version 1 servers send plain strings without codes: they stop the request only when no data came.
  const legacy = (set.errlist ? [] : set.errors ?? []).map(sanitizeMessage).filter(Boolean);
  if (legacy.length > 0 && set.accounts.length === 0) {
    const message = legacy.join(" ");
    if (QUOTA_WORDS.test(message)) return new RateLimited(null, { providerCode: "errors", text: said(message) });
    return new ProviderTransient({ providerCode: "errors", text: said(message) });
  }
  return null;
}

/** An ISO 4217 code; anything else (a custom currency's URL) is not a bank account. */
const isIsoCurrency = (currency: string) => /^[A-Z]{3}$/.test(currency.toUpperCase());

function institutionName(account: AccountJson, connections: ConnectionJson[]): string | null {
  const connection = connections.find((c) => c.conn_id === account.conn_id);
  return connection?.org_name ?? account.org?.name ?? account.org?.domain ?? account.conn_name ?? connection?.name ?? null;
}

/** The account, or null for a custom-currency account (reward points), which no bank journal holds. */
export function toAccount(account: AccountJson, connections: ConnectionJson[]): ProviderAccount | null {
  if (!isIsoCurrency(account.currency)) return null;
  const bank = institutionName(account, connections);
  const currency = account.currency.toUpperCase();
  return {
    providerAccountId: account.id,
    // "Savings" alone says little when one SimpleFIN account reaches several banks.
    name: bank && !account.name.toLowerCase().includes(bank.toLowerCase()) ? `${bank} ${account.name}` : account.name,
    iban: null,
    // SimpleFIN gives no account number; its id is stable and unique among the user's accounts.
    accountNumber: account.id,
    currency,
    type: "account",
    balance: { amount: normalizeAmount(account.balance), currency, asOf: new Date(account["balance-date"] * 1000) },
  };
}

export function normalizeAmount(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith("+") ? trimmed.slice(1) : trimmed;
}

const isoDay = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().slice(0, 10);

/** A SimpleFIN transaction; `fallbackDate` dates a pending line that gives no date of its own. */
export function toTransaction(json: TransactionJson, currency: string, fallbackDate: string): ProviderTransaction {
  const pending = json.pending === true || json.posted === 0;
  const transactedOn = json.transacted_at ? isoDay(json.transacted_at) : null;
  const payee = sanitizeMessage(json.payee) || null;
  const memo = sanitizeMessage(json.memo) || null;
  return {
    providerTransactionId: json.id,
    status: pending ? "pending" : "posted",
    bookingDate: pending ? (transactedOn ?? fallbackDate) : isoDay(json.posted),
    valueDate: transactedOn,
    amount: normalizeAmount(json.amount),
    currency: currency.toUpperCase(),
    description: json.description.trim() || payee || memo || "",
    partnerName: payee,
    partnerAccount: null,
    reference: memo,
    raw: json,
  };
}

/** Epoch seconds at 00:00 UTC of an ISO day. */
export function epochOf(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00.000Z`) / 1000;
}

/**
 * The inclusive window [from, to] as request ranges of at most `maxDays` days, oldest
 * first: `start-date` inclusive, `end-date` exclusive (the day after the range's last day).
 */
export function requestRanges(from: string, to: string, maxDays: number): { start: number; end: number; lastDay: string }[] {
  const ranges = [];
  for (let first = from; first <= to; first = addDays(first, maxDays)) {
    const last = [addDays(first, maxDays - 1), to].sort()[0]!;
    ranges.push({ start: epochOf(first), end: epochOf(last) + DAY_SECONDS, lastDay: last });
  }
  return ranges;
}
