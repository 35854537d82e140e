/**
 * Typed provider errors, so that the sync engine and the pages react with `instanceof`
 * and never by matching strings. Each adapter maps its aggregator's failures to these
 * once; `message` is the English for logs and the API, `code` is stable for logs and
 * tests, and lib/providers/error-text.ts gives the user the sentence in their language.
 */
import { englishText, type StoredMessage } from "@/lib/i18n/stored-message";

export type ProviderErrorCode =
  | "rate_limited"
  | "consent_expired"
  | "mfa_required"
  | "invalid_credentials"
  | "institution_unavailable"
  | "already_connected"
  | "background_refresh_unsupported"
  | "provider_transient"
  | "provider_rejected"
  | "consent_refused"
  | "history_period_refused"
  | "invalid_webhook";

export interface ProviderErrorOptions {
  /**
   * The adapter's own sentence, from the catalogue (storedMessages.providerSentences), in
   * place of the class's standard one. Words the aggregator or the bank wrote go in as a
   * parameter of it, untranslated.
   */
  text?: StoredMessage;
  /** Only the aggregator's own words, as they came: the user sees them quoted in a translated sentence. */
  message?: string;
  /** The aggregator's own error code, for the connection log. */
  providerCode?: string | null;
  httpStatus?: number | null;
  cause?: unknown;
}

export abstract class ProviderError extends Error {
  abstract readonly code: ProviderErrorCode;
  readonly providerCode: string | null;
  readonly httpStatus: number | null;
  /** The adapter's own sentence for the user, when it gave one; `message` is its English. */
  readonly text: StoredMessage | null;

  protected constructor(defaultMessage: string, options: ProviderErrorOptions = {}) {
    super(options.text ? englishText(options.text) : (options.message ?? defaultMessage), options.cause === undefined ? undefined : { cause: options.cause });
    this.text = options.text ?? null;
    this.name = new.target.name;
    this.providerCode = options.providerCode ?? null;
    this.httpStatus = options.httpStatus ?? null;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export class RateLimited extends ProviderError {
  readonly code = "rate_limited";
  constructor(
    readonly retryAfter: Date | null,
    options?: ProviderErrorOptions,
  ) {
    super(
      retryAfter
        ? `The bank limits how often it can be refreshed. Try again after ${formatUtc(retryAfter)}.`
        : "The bank limits how often it can be refreshed. Try again later.",
      options,
    );
  }
}

export class ConsentExpired extends ProviderError {
  readonly code = "consent_expired";
  constructor(options?: ProviderErrorOptions) {
    super("Your consent to share data with this bank has expired or was revoked. Reconnect the bank to keep synchronizing.", options);
  }
}

export interface MfaChallenge {
  /** Send it back with the code, to the same adapter. */
  id: string;
  /** The bank's own words asking for the code ("Enter the code we sent by SMS"), verbatim; null when it wrote none. */
  prompt: string | null;
}

export class MfaRequired extends ProviderError {
  readonly code = "mfa_required";
  /** True when the bank refused the code just typed and sent a new challenge. */
  readonly codeRejected: boolean;
  constructor(
    readonly challenge: MfaChallenge,
    options: ProviderErrorOptions & { codeRejected?: boolean } = {},
  ) {
    super(
      options.codeRejected
        ? "The security code was not accepted. Enter the new code the bank sent."
        : "The bank asks for a security code to continue.",
      options,
    );
    this.codeRejected = options.codeRejected ?? false;
  }
}

export class InvalidCredentials extends ProviderError {
  readonly code = "invalid_credentials";
  constructor(options?: ProviderErrorOptions) {
    super("The bank did not accept the username or password. Check them and try again.", options);
  }
}

export class InstitutionUnavailable extends ProviderError {
  readonly code = "institution_unavailable";
  constructor(options?: ProviderErrorOptions) {
    super("The bank is not available at the moment. Try again later.", options);
  }
}

export class AlreadyConnected extends ProviderError {
  readonly code = "already_connected";
  constructor(options?: ProviderErrorOptions) {
    super("This bank login is already connected. Use the existing connection, or update its credentials.", options);
  }
}

export class BackgroundRefreshUnsupported extends ProviderError {
  readonly code = "background_refresh_unsupported";
  constructor(options?: ProviderErrorOptions) {
    super(
      "This bank does not allow automatic synchronization. Turn automatic synchronization off for this connection; Fetch Transactions still works.",
      options,
    );
  }
}

/** Network failure, timeout or server error: worth retrying later. */
export class ProviderTransient extends ProviderError {
  readonly code = "provider_transient";
  constructor(options?: ProviderErrorOptions) {
    super("The bank aggregator could not be reached or failed to answer. We will try again later.", options);
  }
}

/** The aggregator refused the request; retrying the same request will not help. */
export class ProviderRejected extends ProviderError {
  readonly code: ProviderErrorCode = "provider_rejected";
  constructor(options?: ProviderErrorOptions) {
    super("The bank aggregator refused the request.", options);
  }
}

/** The user refused access on the bank's consent page. */
export class ConsentRefused extends ProviderRejected {
  override readonly code = "consent_refused";
  constructor(options?: ProviderErrorOptions) {
    super({ ...options, message: options?.message ?? "Access was refused on the bank's page, so no account was connected." });
  }
}

/**
 * The bank refuses a transaction query that starts further back than the history it keeps
 * (Enable Banking's WRONG_TRANSACTIONS_PERIOD). The sync asks again for a shorter history.
 */
export class HistoryPeriodRefused extends ProviderRejected {
  override readonly code = "history_period_refused";
  constructor(options?: ProviderErrorOptions) {
    super({ ...options, message: options?.message ?? "The bank does not return transactions that far back." });
  }
}

/** A webhook delivery whose signature, age or body is not acceptable. */
export class InvalidWebhook extends ProviderRejected {
  override readonly code = "invalid_webhook";
  constructor(options?: ProviderErrorOptions) {
    super({ ...options, message: options?.message ?? "The webhook could not be verified." });
  }
}
