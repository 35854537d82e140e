/**
 * How the Plaid adapter reaches Plaid: client id and secret (sent in each JSON body, as
 * Plaid documents), the environment or an explicit base URL (tests point it at the
 * contract mock), the countries and products asked for, and where our Link page lives.
 * Plaid is offered only when a client id and a secret are configured.
 */

export const PLAID_BASE_URLS = { sandbox: "https://sandbox.plaid.com", production: "https://production.plaid.com" } as const;
export type PlaidEnvironment = keyof typeof PLAID_BASE_URLS;

/** The app page that opens Plaid Link (app/(app)/connect/plaid). */
export const DEFAULT_PLAID_LINK_PAGE = "/connect/plaid";

export interface PlaidConfig {
  clientId: string;
  secret: string;
  environment: PlaidEnvironment;
  /** Without a trailing slash. */
  baseUrl: string;
  /** ISO 3166-1 alpha-2 codes for Link and the institution directory. */
  countryCodes: string[];
  /** Plaid products asked for at /link/token/create ("transactions"). */
  products: string[];
  /** Shown in Link ("OpenBankSync"); Plaid allows 30 characters. */
  clientName: string;
  language: string;
  /** Days of history asked for when the Item is created (Plaid: 1 to 730, default 90). */
  daysRequested: number;
  /**
   * Where the browser opens Link: our page by default (absolute or relative to the
   * callback's origin). Tests and e2e point it at the contract mock's non-JS stand-in, so
   * nothing loads Plaid's CDN.
   */
  linkPageUrl: string;
  /**
   * Sent as redirect_uri for banks that sign in with OAuth: the absolute URL of our Link
   * page, registered in the Plaid Dashboard (PLAID_REDIRECT_URI). Unset, Link opens the
   * bank in a pop-up instead.
   */
  oauthRedirectUri: string | null;
  timeoutMs: number;
}

type Env = Record<string, string | undefined>;

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function list(value: string | undefined, fallback: string[]): string[] {
  const items = (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);
  return items.length > 0 ? items : fallback;
}

export function isPlaidEnabled(env: Env = process.env): boolean {
  return Boolean(env.PLAID_CLIENT_ID?.trim() && env.PLAID_SECRET?.trim());
}

/**
 * The configuration from the environment. Existing connections need the adapter even when
 * the provider is switched off, so a missing id or secret is not refused here; Plaid then
 * answers the first request with a clear error.
 */
export function plaidConfig(env: Env = process.env): PlaidConfig {
  const environment: PlaidEnvironment = env.PLAID_ENV?.trim().toLowerCase() === "production" ? "production" : "sandbox";
  return {
    clientId: env.PLAID_CLIENT_ID?.trim() ?? "",
    secret: env.PLAID_SECRET?.trim() ?? "",
    environment,
    baseUrl: (env.PLAID_BASE_URL?.trim() || PLAID_BASE_URLS[environment]).replace(/\/+$/, ""),
    countryCodes: list(env.PLAID_COUNTRY_CODES, ["US"]).map((code) => code.toUpperCase()),
    products: list(env.PLAID_PRODUCTS, ["transactions"]).map((product) => product.toLowerCase()),
    clientName: (env.PLAID_CLIENT_NAME?.trim() || "OpenBankSync").slice(0, 30),
    language: env.PLAID_LANGUAGE?.trim() || "en",
    daysRequested: Math.min(positiveInteger(env.PLAID_DAYS_REQUESTED, 730), 730),
    linkPageUrl: env.PLAID_LINK_PAGE_URL?.trim() || DEFAULT_PLAID_LINK_PAGE,
    oauthRedirectUri: env.PLAID_REDIRECT_URI?.trim() || null,
    timeoutMs: positiveInteger(env.PLAID_TIMEOUT_MS, 30_000),
  };
}
