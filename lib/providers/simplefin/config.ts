/**
 * How the SimpleFIN adapter reaches a SimpleFIN server (the SimpleFIN Bridge, or a bank's
 * own server): the root URL users create setup tokens at, which hosts a setup token may
 * point to, and how far one request may reach. SimpleFIN needs no application key, so it
 * is offered only when an administrator turns it on (SIMPLEFIN_ENABLED=1) or points it at
 * a server (SIMPLEFIN_BRIDGE_URL, which tests set to the contract mock).
 */

export const SIMPLEFIN_DEFAULT_BRIDGE_URL = "https://bridge.simplefin.org/simplefin";
/** The Bridge's hosts (production and beta): a setup token may only send us there. */
const DEFAULT_HOSTS = ["bridge.simplefin.org", "beta-bridge.simplefin.org"];

export interface SimpleFinConfig {
  /** Root URL of the SimpleFIN server, without a trailing slash; users create tokens at `${bridgeUrl}/create`. */
  bridgeUrl: string;
  /**
   * Origins a claim URL and an access URL may have. A setup token is text a user pastes,
   * and we POST to the URL inside it: limiting it to known servers keeps it from making
   * this server call anything else on its network.
   */
  allowedOrigins: string[];
  timeoutMs: number;
  /** Longest date range asked for in one request; longer windows are read in chunks. */
  maxWindowDays: number;
  /** How far back the directory says SimpleFIN goes on the first sync. */
  historyDays: number;
}

type Env = Record<string, string | undefined>;

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function isSimpleFinEnabled(env: Env = process.env): boolean {
  return env.SIMPLEFIN_ENABLED?.trim() === "1" || Boolean(env.SIMPLEFIN_BRIDGE_URL?.trim());
}

export function simpleFinConfig(env: Env = process.env): SimpleFinConfig {
  const bridgeUrl = (env.SIMPLEFIN_BRIDGE_URL?.trim() || SIMPLEFIN_DEFAULT_BRIDGE_URL).replace(/\/+$/, "");
  const extraHosts = (env.SIMPLEFIN_ALLOWED_HOSTS ?? "").split(",").map((host) => host.trim().toLowerCase()).filter(Boolean);
  // Only HTTPS (SimpleFIN's checklist), except for the configured server itself, which a
  // test or a local bridge may serve over plain HTTP.
  const allowedOrigins = [...new Set([new URL(bridgeUrl).origin, ...[...DEFAULT_HOSTS, ...extraHosts].map((host) => `https://${host}`)])];
  return {
    bridgeUrl,
    allowedOrigins,
    timeoutMs: positiveInteger(env.SIMPLEFIN_TIMEOUT_MS, 30_000),
    maxWindowDays: positiveInteger(env.SIMPLEFIN_MAX_WINDOW_DAYS, 60),
    historyDays: positiveInteger(env.SIMPLEFIN_HISTORY_DAYS, 90),
  };
}
