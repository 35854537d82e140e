/**
 * Raw HTTP client of the Sandbox API: one method per endpoint, every call bounded by
 * `AbortSignal.timeout`, every response checked against the JSON contract. Network
 * failures and timeouts become ProviderTransient; error responses go through
 * `errorFromResponse`.
 */
import type { z } from "zod";
import { ProviderTransient } from "@/lib/providers/errors";
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
    let status: number;
    let text: string;
    try {
      const response = await fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      throw new ProviderTransient({ cause: error, providerCode: timedOut ? "timeout" : "network_error" });
    }
    let payload: unknown = null;
    try {
      payload = text ? JSON.parse(text) : null;
    } catch {
      if (status < 400) throw new ProviderTransient({ providerCode: "invalid_response", httpStatus: status });
    }
    if (status >= 400) throw errorFromResponse(status, payload);
    if (status === 204) return null;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new ProviderTransient({ providerCode: "invalid_response", httpStatus: status, cause: parsed.error });
    return parsed.data;
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
