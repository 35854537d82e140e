/**
 * The contract every bank aggregator adapter implements (Sandbox today; Plaid, Salt Edge,
 * GoCardless, Enable Banking and SimpleFIN later), and the values it returns. Adapters
 * talk HTTP only: no database access. Failures are the typed errors of ./errors.
 *
 * Conventions: amounts are decimal strings with the bank's sign (money out is negative,
 * "-12.50"), never JS numbers; calendar dates are "YYYY-MM-DD" (UTC); a "connection ref"
 * is the provider's id for one consent, which the app stores encrypted.
 */
import type { StoredMessage } from "@/lib/i18n/stored-message";

export const PROVIDER_NAMES = ["sandbox", "gocardless", "enablebanking", "saltedge", "plaid", "simplefin"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export function isProviderName(value: string): value is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(value);
}

export interface Institution {
  provider: ProviderName;
  providerInstitutionId: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  bic: string | null;
  logoUrl: string | null;
  beta: boolean;
  /**
   * How far back the bank returns transactions, in days before today. Where the provider
   * publishes no per-bank figure (Enable Banking), the longest history PSD2 banks commonly
   * keep: the first sync asks for it and steps down when the bank refuses.
   */
  maxHistoryDays: number;
  supportsBackgroundRefresh: boolean;
  /** Values accepted as `accountType` by `createLinkSession` ("business", "personal"); empty when the bank offers no choice. */
  accountTypes: string[];
  /** False while the bank is down at the provider: linking and refreshing fail with InstitutionUnavailable. */
  available: boolean;
  /** Calls allowed per UTC day when this bank sets its own limit; absent or null: the provider's default budget. */
  dailyCallLimit?: number | null;
}

export interface Money {
  amount: string;
  currency: string;
}

export interface ProviderAccount {
  providerAccountId: string;
  name: string;
  iban: string | null;
  /** The IBAN when there is one, else the bank's local account number. */
  accountNumber: string;
  currency: string;
  /** "current", "savings", ... as the provider names it. */
  type: string;
  balance: (Money & { asOf: Date }) | null;
}

/** "removed": the provider withdrew a transaction it sent before; only the id is meaningful. */
export type TransactionStatus = "posted" | "pending" | "removed";

export interface ProviderTransaction {
  /** Stable for a posted transaction. A pending one gets a new id once it posts. */
  providerTransactionId: string;
  status: TransactionStatus;
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  description: string;
  partnerName: string | null;
  /** The counterparty's IBAN or account number, when the bank gives one. */
  partnerAccount: string | null;
  reference: string | null;
  /** On a posted line: the id its pending version had, when the provider says so (Plaid's pending_transaction_id). */
  pendingTransactionId?: string | null;
  /**
   * The provider corrected a line it sent before (Plaid's `modified`): a stored line that
   * is not reconciled takes these values (lib/sync/apply-corrections.ts).
   */
  modified?: boolean;
  /** The provider's JSON for this transaction, for developer mode. */
  raw?: unknown;
}

/**
 * Permission to read one connection's data for a short while, from `openRefresh`.
 * Opaque to callers (pass it back to the same adapter; never read `token`), and plain
 * JSON so that a durable workflow step can persist it between steps.
 */
export interface RefreshSession {
  readonly provider: ProviderName;
  readonly connectionRef: string;
  readonly token: string;
  /** ISO timestamp after which a new `openRefresh` is needed; null when the provider gives none. */
  readonly expiresAt: string | null;
  /**
   * Set by providers whose limit is on refreshing, not on reading (Salt Edge's
   * `next_refresh_possible_at`): whether the bank was asked for fresh data now or, too early
   * for that, the data the provider already holds is read; and when the next refresh is
   * allowed (ISO; null when the provider does not say). Too early is not a failure.
   */
  readonly refresh?: { refreshedNow: boolean; nextPossibleAt: string | null };
}

export interface LinkSessionInput {
  providerInstitutionId: string;
  /** Where the provider sends the browser back after consent (our callback route). */
  redirectUri: string;
  /** Single-use value echoed back on the callback; the app checks it, not the adapter. */
  state: string;
  accountType?: string;
  /** Set to update the credentials of / reconnect an existing connection (keeps its ref). */
  connectionRef?: string;
  /** Our stable id for the company; lets the provider refuse the same bank login twice (AlreadyConnected). */
  customerRef?: string;
  /** Where the provider should post its webhooks for this connection (our /api/webhooks/<provider>). */
  webhookUrl?: string;
}

export interface LinkSession {
  redirectUrl: string;
  /**
   * The provider's id of the consent being given, when the provider creates one before
   * the user answers (a GoCardless requisition, with its agreement): `revoke` deletes it
   * when the user refuses or never comes back. Absent where nothing exists until consent.
   */
  pendingConsentRef?: string;
}

export interface CompletedLink {
  connectionRef: string;
  /**
   * What the provider's webhooks name this connection by, when that is not the connection
   * ref itself (Plaid: the Item id, while the ref is its access token). The app stores its
   * hash to find the connection of a webhook.
   */
  webhookRef?: string;
  consentExpiresAt: Date | null;
  /** The accounts the user authorized; may be empty. */
  accounts: ProviderAccount[];
}

export interface RefreshInput {
  connectionRef: string;
  /** True for scheduled runs nobody is watching; some banks refuse those (BackgroundRefreshUnsupported). */
  background: boolean;
  /** The answer to a previous MfaRequired challenge. */
  mfa?: { challengeId: string; code: string };
  /** What `cursorAfter` returned at the connection's last successful run (cursor-based providers). */
  cursor?: string | null;
}

export interface TransactionWindow {
  providerAccountId: string;
  /**
   * Inclusive "YYYY-MM-DD" bounds; the provider clips them to the history it keeps, or,
   * where the bank refuses a start further back than it keeps, throws HistoryPeriodRefused
   * (the sync then asks for a shorter history: lib/sync/history-step-down.ts).
   */
  from: string;
  to: string;
}

export interface RevokeResult {
  /** False when the bank keeps a record of the connection that the user has to remove there. */
  deletedAtProvider: boolean;
  /**
   * What to tell the user when something remains to be done at the provider: the adapter's
   * own sentence from the catalogue, or the provider's own words as it sent them.
   */
  message: StoredMessage | string | null;
}

/** What a provider's webhook can mean, as recorded (webhook_events.kind) and handed on. */
export const PROVIDER_WEBHOOK_KINDS = ["transactions_available", "login_required", "consent_expiring", "other"] as const;
export type ProviderWebhookKind = (typeof PROVIDER_WEBHOOK_KINDS)[number];

export interface ProviderWebhook {
  provider: ProviderName;
  /** The provider's id for this delivery, to ignore a repeated one. */
  id: string;
  kind: ProviderWebhookKind;
  /** The provider's own type string, as received. */
  providerType: string;
  connectionRef: string;
  occurredAt: Date;
  providerAccountIds: string[];
}

/** A call the bank limits per account and UTC day (GoCardless: 4 successful calls of each scope). */
export interface LimitedCall {
  providerAccountId: string;
  scope: "details" | "balances" | "transactions";
}

/**
 * The app's call budget, which an adapter asks right before each call the bank limits,
 * so that every such call is counted where it is made (the reads made while linking
 * included). Adapters of providers without such limits never use it.
 */
export interface CallMeter {
  /** True: make the call, it is counted; false: today's calls of this scope are spent, make none. */
  take(call: LimitedCall): Promise<boolean>;
  /** The bank answered 429 all the same (its count is not ours): no more calls of this scope today. */
  spent(call: LimitedCall, retryAfter: Date | null): Promise<void>;
}

export interface Provider {
  readonly name: ProviderName;
  /**
   * How many days before its newest imported line a later sync re-reads, for a provider
   * whose banks book or back-date lines later than that (lib/sync/window.ts); 7 when absent.
   */
  readonly syncOverlapDays?: number;
  listInstitutions(): Promise<Institution[]>;
  /** Starts the hosted consent flow; send the browser to `redirectUrl`. */
  createLinkSession(input: LinkSessionInput): Promise<LinkSession>;
  /**
   * Finishes the consent flow from the query string of the callback (after the app has
   * checked `state`). Throws InvalidCredentials, ConsentRefused, AlreadyConnected, ...
   */
  completeLink(input: {
    callbackParams: URLSearchParams;
    /** The connection's current ref, when updating its credentials. */
    connectionRef?: string;
    /** Counts the limited reads made while linking (GoCardless reads each account's details and balances). */
    meter?: CallMeter;
  }): Promise<CompletedLink>;
  /** Asks the bank for fresh data. May throw MfaRequired, RateLimited, ConsentExpired, BackgroundRefreshUnsupported, ... */
  openRefresh(input: RefreshInput): Promise<RefreshSession>;
  getAccounts(session: RefreshSession, meter?: CallMeter): Promise<ProviderAccount[]>;
  /**
   * Posted and pending transactions of the window, oldest first, one provider page per
   * iteration. A cursor-based provider given a cursor returns what changed since it,
   * whatever the dates, including "removed" lines.
   */
  getTransactions(session: RefreshSession, window: TransactionWindow, meter?: CallMeter): AsyncIterable<ProviderTransaction[]>;
  /**
   * Cursor-based providers: once every account of the run has been read, the cursor to
   * pass as RefreshInput.cursor next time (null when nothing moved). Stored only when the
   * run succeeds.
   */
  cursorAfter?(session: RefreshSession): string | null;
  /** Revokes the consent; revoking a connection the provider no longer knows succeeds. */
  revoke(connectionRef: string): Promise<RevokeResult>;
  /** Checks the signature and age of a webhook delivery and normalizes it; throws InvalidWebhook. */
  verifyWebhook(headers: Headers, rawBody: string, now?: Date): ProviderWebhook | Promise<ProviderWebhook>;
}
