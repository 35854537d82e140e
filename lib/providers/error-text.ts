/**
 * A provider error as a catalogue message (lib/i18n/stored-message), so the reader sees it
 * in their language. An adapter that kept the error's standard wording gets the catalogue
 * sentence, one that chose its own sentence (`text`) gets that one; words the aggregator
 * or bank wrote (`message` alone) are kept as data, inside a sentence that is translated.
 */
import { englishText, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { MfaRequired, RateLimited, type ProviderError } from "./errors";

/** The catalogue's sentence for the error, or null when it carries the aggregator's own words. */
export function providerErrorText(error: ProviderError): StoredMessage | null {
  if (error.text) return error.text;
  const text =
    error instanceof RateLimited && error.retryAfter ? storedMessage("providerErrors.rate_limited_until", { retryAt: error.retryAfter.toISOString() })
    : error instanceof MfaRequired ? storedMessage("providerErrors.mfa_code_rejected")
    : isCatalogued(error.code) ? storedMessage(`providerErrors.${error.code}`)
    : null;
  return text && englishText(text) === error.message ? text : null;
}

/** Always a message: the catalogue's sentence, or the aggregator's own words quoted in one. */
export function providerErrorMessage(error: ProviderError): StoredMessage {
  return providerErrorText(error) ?? storedMessage("connections.providerWords", { words: error.message });
}

const CATALOGUED_CODES = [
  "rate_limited", "consent_expired", "invalid_credentials", "institution_unavailable", "already_connected",
  "background_refresh_unsupported", "provider_transient", "provider_rejected", "consent_refused", "history_period_refused",
] as const;

function isCatalogued(code: string): code is (typeof CATALOGUED_CODES)[number] {
  return (CATALOGUED_CODES as readonly string[]).includes(code);
}
