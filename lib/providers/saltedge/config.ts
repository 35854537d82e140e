/**
 * How the Salt Edge adapter reaches the Account Information API v6: the App-id and Secret
 * of a service API key, the app's RSA private key for signed requests (required for live
 * clients), Salt Edge's public key and the callback URL registered on the dashboard (to
 * verify callbacks), the base URL (tests point it at the contract mock) and timeouts.
 * Salt Edge is offered only when an App-id and a Secret are configured.
 */
import { readFileSync } from "node:fs";

export const SALTEDGE_DEFAULT_BASE_URL = "https://www.saltedge.com/api/v6";

export interface SaltEdgeConfig {
  appId: string;
  secret: string;
  /** PEM of the app's RSA private key; requests are signed when it is set. */
  privateKey: string | null;
  /** PEM of Salt Edge's public key, to verify the Signature of its callbacks. */
  callbackPublicKey: string | null;
  /** The URL Salt Edge posts callbacks to (part of what it signs). */
  callbackUrl: string | null;
  /** Without a trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  /** How long openRefresh waits for Salt Edge to finish fetching from the bank, polling the connection. */
  refreshWaitMs: number;
  refreshPollMs: number;
  /** Days of history asked for in the consent of a new connection. */
  historyDays: number;
}

type Env = Record<string, string | undefined>;

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}

/** A PEM from NAME (one line with "\n" escapes allowed, as env files often hold) or from the file NAME_FILE. */
function pemFrom(env: Env, name: string): string | null {
  const inline = env[name]?.trim();
  if (inline) return inline.replace(/\\n/g, "\n");
  const file = env[`${name}_FILE`]?.trim();
  if (!file) return null;
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${name}_FILE could not be read (${file})`, { cause: error });
  }
}

export function isSaltEdgeEnabled(env: Env = process.env): boolean {
  return Boolean(env.SALTEDGE_APP_ID?.trim() && env.SALTEDGE_SECRET?.trim());
}

function callbackUrlFrom(env: Env): string | null {
  const explicit = env.SALTEDGE_CALLBACK_URL?.trim();
  if (explicit) return explicit;
  const origin = env.WEBHOOK_PUBLIC_URL?.trim().replace(/\/+$/, "");
  return origin ? `${origin}/api/webhooks/saltedge` : null;
}

/**
 * The configuration from the environment. Existing connections need the adapter even when
 * the provider is switched off, so a missing id or secret is not refused here; the first
 * request fails with a clear message instead.
 */
export function saltEdgeConfig(env: Env = process.env): SaltEdgeConfig {
  return {
    appId: env.SALTEDGE_APP_ID?.trim() ?? "",
    secret: env.SALTEDGE_SECRET?.trim() ?? "",
    privateKey: pemFrom(env, "SALTEDGE_PRIVATE_KEY"),
    callbackPublicKey: pemFrom(env, "SALTEDGE_PUBLIC_KEY"),
    callbackUrl: callbackUrlFrom(env),
    baseUrl: (env.SALTEDGE_BASE_URL?.trim() || SALTEDGE_DEFAULT_BASE_URL).replace(/\/+$/, ""),
    timeoutMs: positiveInteger(env.SALTEDGE_TIMEOUT_MS, 30_000),
    refreshWaitMs: positiveInteger(env.SALTEDGE_REFRESH_WAIT_MS, 60_000),
    refreshPollMs: positiveInteger(env.SALTEDGE_REFRESH_POLL_MS, 2_000),
    historyDays: positiveInteger(env.SALTEDGE_HISTORY_DAYS, 365),
  };
}
