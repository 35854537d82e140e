/**
 * How the Enable Banking adapter reaches the API: the application id and its RSA private
 * key (the id is the JWT `kid`), the base URL (tests point it at the contract mock) and
 * how long it waits. Enable Banking is offered only when an id and a key are configured.
 */
import { readFileSync } from "node:fs";

export const ENABLE_BANKING_DEFAULT_BASE_URL = "https://api.enablebanking.com";

export interface EnableBankingConfig {
  applicationId: string;
  /** PEM of the application's RSA private key. */
  privateKey: string;
  /** Without a trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  /** Consent length asked for at POST /auth, capped by the bank's own maximum_consent_validity. */
  consentDays: number;
}

type Env = Record<string, string | undefined>;

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** The key from ENABLE_BANKING_PRIVATE_KEY (PEM; "\n" escapes allowed, as env files often hold one line) or from ENABLE_BANKING_PRIVATE_KEY_FILE. */
function privateKeyFrom(env: Env): string | null {
  const inline = env.ENABLE_BANKING_PRIVATE_KEY?.trim();
  if (inline) return inline.replace(/\\n/g, "\n");
  const file = env.ENABLE_BANKING_PRIVATE_KEY_FILE?.trim();
  if (!file) return null;
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`ENABLE_BANKING_PRIVATE_KEY_FILE could not be read (${file})`, { cause: error });
  }
}

export function isEnableBankingEnabled(env: Env = process.env): boolean {
  return Boolean(env.ENABLE_BANKING_APP_ID?.trim() && (env.ENABLE_BANKING_PRIVATE_KEY?.trim() || env.ENABLE_BANKING_PRIVATE_KEY_FILE?.trim()));
}

/**
 * The configuration from the environment. Existing connections need the adapter even when
 * the provider is switched off, so this does not refuse a missing id or key; the first
 * request then fails with a clear message instead.
 */
export function enableBankingConfig(env: Env = process.env): EnableBankingConfig {
  return {
    applicationId: env.ENABLE_BANKING_APP_ID?.trim() ?? "",
    privateKey: privateKeyFrom(env) ?? "",
    baseUrl: (env.ENABLE_BANKING_BASE_URL?.trim() || ENABLE_BANKING_DEFAULT_BASE_URL).replace(/\/+$/, ""),
    timeoutMs: positiveInteger(env.ENABLE_BANKING_TIMEOUT_MS, 30_000),
    consentDays: positiveInteger(env.ENABLE_BANKING_CONSENT_DAYS, 180),
  };
}
