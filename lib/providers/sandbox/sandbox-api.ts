/**
 * Raw HTTP client of the Sandbox API: one method per endpoint, every call bounded by
 * `AbortSignal.timeout`, every response checked against the JSON contract. Network
 * failures and timeouts become ProviderTransient; error responses go through
 * `errorFromResponse`.
 */
import type { z } from "zod";
import { ProviderTransient } from "@/lib/providers/errors";
import { checked, exchange } from "@/lib/providers/http";
import { errorFromResponse } from "./transform";
import {
  accountListJson,
  exchangeJson,
  institutionListJson,
  linkSessionJson,
  refreshJson,
  revokeJson,
  transactionPageJson,
  type AccountJson,
  type ExchangeJson,
  type InstitutionJson,
  type LinkSessionJson,
  type RefreshJson,
  type RevokeJson,
  type TransactionPageJson,
} from "./types";

export interface SandboxApiConfig {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

interface Call<T extends z.ZodType> {
  method: "GET" | "POST" | "DELETE";
  path: string;
  schema: T;
  body?: unknown;
  query?: Record<string, string | undefined>;
  /** A refresh token, sent as `Authorization: Bearer`. */
  token?: string;
}

export function createSandboxApi(config: SandboxApiConfig) {
  const fetchImpl = config.fetch ?? fetch;

  async function call<T extends z.ZodType>({ method, path, schema, body, query, token }: Call<T>): Promise<z.infer<T> | null> {
    const url = new URL(`${config.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    const { response, payload } = await exchange(
      fetchImpl, url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, { timeoutMs: config.timeoutMs },
    );
    if (response.status >= 400) throw errorFromResponse(response.status, payload);
    if (response.status === 204) return null;
    return checked(schema, payload, response.status);
  }

  /** For endpoints that always answer with a body. */
  async function callFor<T extends z.ZodType>(input: Call<T>): Promise<z.infer<T>> {
    const result = await call(input);
    if (result === null) throw new ProviderTransient({ providerCode: "invalid_response" });
    return result;
  }

  return {
    async listInstitutions(): Promise<InstitutionJson[]> {
      return (await callFor({ method: "GET", path: "/api/institutions", schema: institutionListJson })).institutions;
    },
    createLinkSession(body: {
      institution_id: string;
      redirect_uri: string;
      webhook_url?: string;
      state: string;
      account_type?: string;
      connection_id?: string;
      customer_ref?: string;
    }): Promise<LinkSessionJson> {
      return callFor({ method: "POST", path: "/api/link-sessions", schema: linkSessionJson, body });
    },
    exchangeCode(code: string): Promise<ExchangeJson> {
      return callFor({ method: "POST", path: "/api/link-sessions/exchange", schema: exchangeJson, body: { code } });
    },
    refresh(connectionId: string, body: { background: boolean; mfa_code?: string; challenge_id?: string }): Promise<RefreshJson> {
      return callFor({ method: "POST", path: `/api/connections/${encodeURIComponent(connectionId)}/refresh`, schema: refreshJson, body });
    },
    async accounts(connectionId: string, token: string): Promise<AccountJson[]> {
      const path = `/api/connections/${encodeURIComponent(connectionId)}/accounts`;
      return (await callFor({ method: "GET", path, schema: accountListJson, token })).accounts;
    },
    transactions(
      connectionId: string,
      accountId: string,
      token: string,
      query: { date_from: string; date_to: string; cursor?: string; limit?: string },
    ): Promise<TransactionPageJson> {
      const path = `/api/connections/${encodeURIComponent(connectionId)}/accounts/${encodeURIComponent(accountId)}/transactions`;
      return callFor({ method: "GET", path, schema: transactionPageJson, token, query });
    },
    /** Null when the Sandbox deleted the connection (204). */
    revoke(connectionId: string): Promise<RevokeJson | null> {
      return call({ method: "DELETE", path: `/api/connections/${encodeURIComponent(connectionId)}`, schema: revokeJson });
    },
  };
}

export type SandboxApi = ReturnType<typeof createSandboxApi>;
