/**
 * How the GoCardless Bank Account Data adapter reaches GoCardless. Both secrets come from
 * the Bank Account Data portal ("User secrets"); without them the provider is not offered.
 */

export interface GoCardlessConfig {
  /** API root without a trailing slash, e.g. "https://bankaccountdata.gocardless.com/api/v2". */
  baseUrl: string;
  secretId: string;
  secretKey: string;
  timeoutMs: number;
  /**
   * ISO countries whose institutions are listed (GOCARDLESS_COUNTRIES="DE,FR"); empty asks
   * GoCardless for every institution in one call.
   */
  countries: string[];
  /** Language of GoCardless's hosted consent pages (ISO 639-1, upper case as GoCardless spells it). */
  userLanguage: string;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_GOCARDLESS_BASE_URL = "https://bankaccountdata.gocardless.com/api/v2";

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function goCardlessConfig(env: Env = process.env): GoCardlessConfig {
  return {
    baseUrl: (env.GOCARDLESS_BASE_URL || DEFAULT_GOCARDLESS_BASE_URL).replace(/\/+$/, ""),
    secretId: env.GOCARDLESS_SECRET_ID ?? "",
    secretKey: env.GOCARDLESS_SECRET_KEY ?? "",
    timeoutMs: positiveInteger(env.GOCARDLESS_TIMEOUT_MS, 20_000),
    countries: (env.GOCARDLESS_COUNTRIES ?? "")
      .split(",")
      .map((country) => country.trim().toUpperCase())
      .filter((country) => /^[A-Z]{2}$/.test(country)),
    userLanguage: (env.GOCARDLESS_USER_LANGUAGE || "EN").toUpperCase(),
  };
}

/** Offered only when both secrets are set. */
export function isGoCardlessEnabled(env: Env = process.env): boolean {
  return Boolean(env.GOCARDLESS_SECRET_ID && env.GOCARDLESS_SECRET_KEY);
}
