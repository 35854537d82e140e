/**
 * Pure translations from Enable Banking's JSON to the app's provider shapes, and the one
 * place where its failures (HTTP status + `error` code, or the consent callback's `error`)
 * become typed provider errors.
 */
import { createHash } from "node:crypto";
import { storedMessage } from "@/lib/i18n/stored-message";
import {
  ConsentExpired,
  ConsentRefused,
  HistoryPeriodRefused,
  InstitutionUnavailable,
  InvalidCredentials,
  ProviderRejected,
  ProviderTransient,
  RateLimited,
  type ProviderError,
} from "@/lib/providers/errors";
import type { Institution, ProviderAccount, ProviderTransaction } from "@/lib/providers/types";
import { normalizeDecimal } from "@/lib/money";
import { errorJson, type AccountJson, type AspspJson, type BalanceJson, type TransactionJson } from "./types";

/**
 * Enable Banking publishes no per-bank history length. The first sync asks for the longest
 * history PSD2 banks commonly keep (two years); a bank that keeps less refuses the period
 * (WRONG_TRANSACTIONS_PERIOD) and the sync steps down (lib/sync/history-step-down.ts).
 */
export const ENABLE_BANKING_HISTORY_DAYS = 730;

/** Enable Banking names a bank by (name, country); our id joins them as "FI:Nordea". */
export function institutionId(aspsp: { name: string; country: string }): string {
  return `${aspsp.country}:${aspsp.name}`;
}

export function parseInstitutionId(id: string): { name: string; country: string } | null {
  const match = /^([A-Z]{2}):(.+)$/s.exec(id);
  return match ? { country: match[1]!, name: match[2]! } : null;
}

export function toInstitution(json: AspspJson): Institution {
  return {
    provider: "enablebanking",
    providerInstitutionId: institutionId(json),
    name: json.name,
    country: json.country,
    bic: json.bic || null,
    logoUrl: json.logo || null,
    beta: json.beta ?? false,
    maxHistoryDays: ENABLE_BANKING_HISTORY_DAYS,
    // PSD2 lets a consent be read up to four times a day without the user present.
    supportsBackgroundRefresh: true,
    accountTypes: (json.psu_types ?? []).filter((t) => t === "business" || t === "personal"),
    // The ASPSP list carries no outage flag; a bank that is down answers ASPSP_ERROR.
    available: true,
  };
}

const ACCOUNT_TYPES: Record<string, string> = { CACC: "current", SVGS: "savings", CARD: "card", LOAN: "loan", CASH: "cash", OTHR: "other" };

/** Closing/interim booked first: the balance an accountant compares statements with. */
const BALANCE_PREFERENCE = ["CLBD", "ITBD", "XPCD", "CLAV", "ITAV", "OPBD", "OPAV", "PRCD", "FWAV", "VALU", "INFO", "OTHR"];

export function pickBalance(balances: BalanceJson[], currency: string, now: Date): ProviderAccount["balance"] {
  const rank = (b: BalanceJson) => {
    const index = BALANCE_PREFERENCE.indexOf(b.balance_type);
    return (b.balance_amount.currency === currency ? 0 : 100) + (index === -1 ? 50 : index);
  };
  const best = [...balances].sort((a, b) => rank(a) - rank(b))[0];
  if (!best) return null;
  const asOf = best.last_change_date_time ?? (best.reference_date ? `${best.reference_date}T00:00:00Z` : null);
  return {
    amount: normalizeDecimal(best.balance_amount.amount),
    currency: best.balance_amount.currency,
    asOf: asOf ? new Date(asOf) : now,
  };
}

/**
 * `identification_hash` is our account id, not `uid`: a uid lives only as long as its
 * session, so after Update Credentials / Reconnect (a new session) every uid changes,
 * while the hash of the account number stays and keeps the synced history attached.
 */
export function toAccount(json: AccountJson, balance: ProviderAccount["balance"]): ProviderAccount {
  const iban = json.account_id?.iban || null;
  const accountNumber = iban ?? json.account_id?.other?.identification ?? json.all_account_ids?.[0]?.identification ?? "";
  return {
    providerAccountId: json.identification_hash,
    name: json.details || json.product || json.name || `${json.currency} account`,
    iban,
    accountNumber,
    currency: json.currency,
    type: ACCOUNT_TYPES[json.cash_account_type ?? ""] ?? "other",
    balance,
  };
}

/**
 * BOOK is posted; PDNG and HOLD (funds reserved) are pending, and so is OTHR, so that it
 * is shown but never imported. Cancelled (CNCL), rejected (RJCT) and scheduled (SCHD)
 * entries never moved money and are left out.
 */
function statusOf(code: string): ProviderTransaction["status"] | null {
  if (code === "BOOK") return "posted";
  if (code === "PDNG" || code === "HOLD" || code === "OTHR") return "pending";
  return null;
}

function accountOf(json: TransactionJson["creditor_account"]): string | null {
  return json?.iban || json?.other?.identification || null;
}

function unsigned(amount: string): string {
  return normalizeDecimal(amount.trim().replace(/^[+-]/, ""));
}

/**
 * Content fingerprint for a transaction without `entry_reference`. PSD2 banks do not
 * guarantee a stable id, and Enable Banking's `transaction_id` "may change if the list of
 * transactions is retrieved again", so it would make the same line look new on the next
 * sync. `occurrence` tells apart identical lines of one answer (two 3.50 coffees booked
 * the same day), which must stay two transactions.
 */
export function fingerprintId(json: TransactionJson, occurrence: number): string {
  const parts = [
    json.booking_date ?? json.transaction_date ?? json.value_date ?? "",
    json.value_date ?? "",
    json.credit_debit_indicator,
    unsigned(json.transaction_amount.amount),
    json.transaction_amount.currency,
    (json.remittance_information ?? []).join("\n"),
    json.creditor?.name ?? "",
    accountOf(json.creditor_account) ?? "",
    json.debtor?.name ?? "",
    accountOf(json.debtor_account) ?? "",
    json.reference_number ?? "",
  ];
  const digest = createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
  return `fp:${digest}:${occurrence}`;
}

/**
 * Null for an entry that is not a transaction for us (cancelled, rejected, scheduled, or
 * pending with no date at all). `providerTransactionId` is `entry_reference` when the bank
 * gives one, else the fingerprint the caller computed.
 */
export function toTransaction(json: TransactionJson, fallbackId: () => string): ProviderTransaction | null {
  const status = statusOf(json.status);
  if (!status) return null;
  const bookingDate = json.booking_date ?? json.transaction_date ?? json.value_date;
  if (!bookingDate) {
    if (status === "pending") return null;
    throw new ProviderTransient({ providerCode: "invalid_response", text: storedMessage("providerSentences.enablebanking.bookedWithoutDate") });
  }
  const debit = json.credit_debit_indicator === "DBIT";
  const amount = unsigned(json.transaction_amount.amount);
  // The partner is the other side: who we paid for money out, who paid us for money in.
  const partner = debit ? json.creditor : json.debtor;
  const partnerAccount = accountOf(debit ? json.creditor_account : json.debtor_account);
  const description =
    (json.remittance_information ?? []).map((line) => line.trim()).filter(Boolean).join(" ") ||
    json.bank_transaction_code?.description ||
    partner?.name ||
    "";
  return {
    providerTransactionId: json.entry_reference || fallbackId(),
    status,
    bookingDate: bookingDate.slice(0, 10),
    valueDate: json.value_date ? json.value_date.slice(0, 10) : null,
    amount: debit && !/^0+\.0+$/.test(amount) ? `-${amount}` : amount,
    currency: json.transaction_amount.currency,
    description,
    partnerName: partner?.name || null,
    partnerAccount,
    reference: json.reference_number || null,
    raw: json,
  };
}

function retryAfterFrom(headers: Headers | null, now: Date): Date | null {
  const value = headers?.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return new Date(now.getTime() + seconds * 1000);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The typed error for a failed Enable Banking response. */
export function errorFromResponse(status: number, body: unknown, headers: Headers | null = null, now = new Date()): ProviderError {
  const parsed = errorJson.safeParse(body);
  const error = parsed.success ? parsed.data : null;
  const options = { providerCode: error?.error ?? null, httpStatus: status };
  switch (error?.error) {
    case "ASPSP_RATE_LIMIT_EXCEEDED":
      return new RateLimited(retryAfterFrom(headers, now), options);
    case "EXPIRED_SESSION":
    case "CLOSED_SESSION":
    case "REVOKED_SESSION":
    case "SESSION_DOES_NOT_EXIST":
    case "WRONG_SESSION_STATUS":
      return new ConsentExpired(options);
    case "ASPSP_PSU_ACTION_REQUIRED":
    case "WRONG_CREDENTIALS_PROVIDED":
      return new InvalidCredentials(options);
    case "ASPSP_ERROR":
      return new InstitutionUnavailable(options);
    case "WRONG_TRANSACTIONS_PERIOD":
      return new HistoryPeriodRefused(options);
    case "ASPSP_TIMEOUT":
      return new ProviderTransient(options);
    case "EXPIRED_AUTHORIZATION_CODE":
    case "WRONG_AUTHORIZATION_CODE":
    case "ALREADY_AUTHORIZED":
      return new ProviderRejected({ ...options, text: storedMessage("providerSentences.enablebanking.answerUnusable") });
    case "UNAUTHORIZED_ACCESS":
    case "AUTHORIZATION_NOT_PROVIDED":
      return new ProviderRejected({
        ...options,
        text: storedMessage("providerSentences.enablebanking.credentialsRefused"),
      });
    case "REDIRECT_URI_NOT_ALLOWED":
      return new ProviderRejected({
        ...options,
        text: storedMessage("providerSentences.enablebanking.callbackNotAllowed"),
      });
  }
  if (status === 429) return new RateLimited(retryAfterFrom(headers, now), options);
  if (status >= 500 || status === 408) return new ProviderTransient(options);
  return new ProviderRejected({
    ...options,
    text: error?.message ? storedMessage("providerSentences.refusedWithWords", { words: error.message }) : undefined,
  });
}

/** The typed error for the `error` the consent flow sent back to our callback. */
export function errorFromCallback(code: string, description: string | null): ProviderError {
  const options = { providerCode: code };
  if (code === "access_denied") return new ConsentRefused(options);
  return new ProviderRejected({
    ...options,
    text: description ? storedMessage("providerSentences.enablebanking.consentNotCompletedWithWords", { words: description }) : storedMessage("providerSentences.enablebanking.consentNotCompleted"),
  });
}
