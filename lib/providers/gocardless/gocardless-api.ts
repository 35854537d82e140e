/**
 * Raw HTTP client of GoCardless Bank Account Data (API v2): one method per endpoint the
 * adapter uses, every call bounded by `AbortSignal.timeout`, every answer checked with
 * zod. Network failures, timeouts and unreadable answers become ProviderTransient;
 * error answers go through `errorFromResponse`.
 *
 * Authentication: the secret id/key buy an access token (24 h) and a refresh token
 * (30 days). Tokens are cached per process and per secret id, not per adapter instance
 * (the registry builds a new adapter for every use, and /token/new/ is limited to 100
 * calls an hour), refreshed a minute before they expire, and an access token GoCardless
 * rejects anyway is replaced once and the call retried.
 */
import type { z } from "zod";
import { isProviderError } from "@/lib/providers/errors";
import { checked, exchange } from "@/lib/providers/http";
import { errorFromResponse } from "./transform";
import {
  accessTokenJson,
  accountDetailsJson,
  accountMetadataJson,
  agreementJson,
  balancesJson,
  deletedJson,
  errorJson,
  institutionJson,
  institutionListJson,
  requisitionJson,
  requisitionPageJson,
  tokenPairJson,
  transactionsJson,
} from "./types";

export interface GoCardlessApiConfig {
  baseUrl: string;
  secretId: string;
  secretKey: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

interface Tokens {
  access: string | null;
  accessExpiresAt: number;
  refresh: string | null;
  refreshExpiresAt: number;
}

/** Renew this long before GoCardless's expiry, so a token does not lapse mid-sync. */
const EXPIRY_MARGIN_MS = 60_000;
const tokenCache = new Map<string, Tokens>();

/** Forgets every cached token (tests that restart their mock server). */
export function clearGoCardlessTokenCache(): void {
  tokenCache.clear();
}

type Method = "GET" | "POST" | "DELETE";

interface Call<T extends z.ZodType> {
  method: Method;
  path: string;
  schema: T;
  body?: unknown;
  query?: Record<string, string | undefined>;
  /** False for the token endpoints themselves. */
  auth?: boolean;
}

/** A 401 about the bearer token itself, as opposed to a consent or account error. */
function isTokenRejection(status: number, payload: unknown): boolean {
  if (status !== 401) return false;
  const parsed = errorJson.safeParse(payload);
  if (!parsed.success) return true;
  const { type, summary, detail } = parsed.data;
  if (type) return false;
  return /token/i.test(`${summary ?? ""} ${Array.isArray(detail) ? detail.join(" ") : (detail ?? "")}`);
}

export function createGoCardlessApi(config: GoCardlessApiConfig) {
  const fetchImpl = config.fetch ?? fetch;
  const now = config.now ?? (() => new Date());
  const cacheKey = `${config.baseUrl}|${config.secretId}`;

  async function send(method: Method, path: string, body: unknown, query: Call<z.ZodType>["query"], token: string | null) {
    const url = new URL(`${config.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    // A 2xx that is not JSON is already a ProviderTransient here; an error status is mapped by the caller.
    const { response, payload } = await exchange(
      fetchImpl, url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, { timeoutMs: config.timeoutMs },
    );
    return { status: response.status, headers: response.headers, payload };
  }

  async function unauthenticated<T extends z.ZodType>(path: string, schema: T, body: unknown): Promise<z.infer<T>> {
    const result = await send("POST", path, body, undefined, null);
    if (result.status >= 400) throw errorFromResponse(result.status, result.payload, result.headers, now());
    return checked(schema, result.payload, result.status);
  }

  async function accessToken(): Promise<string> {
    const at = now().getTime();
    const tokens = tokenCache.get(cacheKey);
    if (tokens?.access && tokens.accessExpiresAt - EXPIRY_MARGIN_MS > at) return tokens.access;
    if (tokens?.refresh && tokens.refreshExpiresAt - EXPIRY_MARGIN_MS > at) {
      try {
        const renewed = await unauthenticated("/token/refresh/", accessTokenJson, { refresh: tokens.refresh });
        tokenCache.set(cacheKey, { ...tokens, access: renewed.access, accessExpiresAt: at + renewed.access_expires * 1000 });
        return renewed.access;
      } catch (error) {
        // A refresh token GoCardless no longer honours: fall through to a new pair.
        if (!isProviderError(error) || error.httpStatus !== 401) throw error;
      }
    }
    const pair = await unauthenticated("/token/new/", tokenPairJson, { secret_id: config.secretId, secret_key: config.secretKey });
    tokenCache.set(cacheKey, {
      access: pair.access,
      accessExpiresAt: at + pair.access_expires * 1000,
      refresh: pair.refresh,
      refreshExpiresAt: at + pair.refresh_expires * 1000,
    });
    return pair.access;
  }

  function forgetAccessToken(rejected: string) {
    const tokens = tokenCache.get(cacheKey);
    if (tokens?.access === rejected) tokenCache.set(cacheKey, { ...tokens, access: null, accessExpiresAt: 0 });
  }

  async function call<T extends z.ZodType>({ method, path, schema, body, query }: Call<T>): Promise<z.infer<T>> {
    let token = await accessToken();
    let result = await send(method, path, body, query, token);
    if (isTokenRejection(result.status, result.payload)) {
      forgetAccessToken(token);
      token = await accessToken();
      result = await send(method, path, body, query, token);
    }
    if (result.status >= 400) throw errorFromResponse(result.status, result.payload, result.headers, now());
    return checked(schema, result.payload, result.status);
  }

  const id = encodeURIComponent;

  return {
    /** Every institution, or those of one country (ISO 3166 alpha-2). */
    institutions(country?: string) {
      return call({ method: "GET", path: "/institutions/", schema: institutionListJson, query: { country: country?.toLowerCase() } });
    },
    institution(institutionId: string) {
      return call({ method: "GET", path: `/institutions/${id(institutionId)}/`, schema: institutionJson });
    },
    createAgreement(body: { institution_id: string; max_historical_days: number; access_valid_for_days: number; access_scope: string[] }) {
      return call({ method: "POST", path: "/agreements/enduser/", schema: agreementJson, body });
    },
    agreement(agreementId: string) {
      return call({ method: "GET", path: `/agreements/enduser/${id(agreementId)}/`, schema: agreementJson });
    },
    createRequisition(body: { redirect: string; institution_id: string; reference: string; agreement: string; user_language: string }) {
      return call({ method: "POST", path: "/requisitions/", schema: requisitionJson, body });
    },
    /** One page of this app's requisitions (GoCardless pages with limit/offset). */
    requisitions(query: { limit: string; offset: string }) {
      return call({ method: "GET", path: "/requisitions/", schema: requisitionPageJson, query });
    },
    requisition(requisitionId: string) {
      return call({ method: "GET", path: `/requisitions/${id(requisitionId)}/`, schema: requisitionJson });
    },
    deleteRequisition(requisitionId: string) {
      return call({ method: "DELETE", path: `/requisitions/${id(requisitionId)}/`, schema: deletedJson });
    },
    accountMetadata(accountId: string) {
      return call({ method: "GET", path: `/accounts/${id(accountId)}/`, schema: accountMetadataJson });
    },
    accountDetails(accountId: string) {
      return call({ method: "GET", path: `/accounts/${id(accountId)}/details/`, schema: accountDetailsJson });
    },
    accountBalances(accountId: string) {
      return call({ method: "GET", path: `/accounts/${id(accountId)}/balances/`, schema: balancesJson });
    },
    accountTransactions(accountId: string, window: { date_from: string; date_to: string }) {
      return call({ method: "GET", path: `/accounts/${id(accountId)}/transactions/`, schema: transactionsJson, query: window });
    },
  };
}

export type GoCardlessApi = ReturnType<typeof createGoCardlessApi>;
