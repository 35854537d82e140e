/**
 * Raw HTTP client of the Enable Banking API: one method per endpoint the adapter uses,
 * each request signed with the application JWT (./jwt), bounded by a timeout and its
 * answer checked against ./types. Network failures, timeouts and unreadable answers
 * become ProviderTransient; error answers go through `errorFromResponse`.
 */
import type { z } from "zod";
import { checked, exchange } from "@/lib/providers/http";
import { applicationTokenSource } from "./jwt";
import { errorFromResponse } from "./transform";
import {
  accountJson,
  aspspListJson,
  authorizeSessionJson,
  balanceListJson,
  sessionJson,
  startAuthorizationJson,
  successJson,
  transactionPageJson,
  type AccountJson,
  type AspspJson,
  type AuthorizeSessionJson,
  type BalanceJson,
  type SessionJson,
  type StartAuthorizationJson,
  type TransactionPageJson,
} from "./types";

export interface EnableBankingApiConfig {
  applicationId: string;
  privateKey: string;
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

interface Call<T extends z.ZodType> {
  method: "GET" | "POST" | "DELETE";
  path: string;
  schema: T;
  body?: unknown;
  query?: Record<string, string | undefined>;
}

export interface StartAuthorizationBody {
  access: { valid_until: string };
  aspsp: { name: string; country: string };
  state: string;
  redirect_url: string;
  psu_type?: string;
}

export function createEnableBankingApi(config: EnableBankingApiConfig) {
  const fetchImpl = config.fetch ?? fetch;
  const now = config.now ?? (() => new Date());
  const token = applicationTokenSource(config, now);

  async function call<T extends z.ZodType>({ method, path, schema, body, query }: Call<T>): Promise<z.infer<T>> {
    const url = new URL(`${config.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${token()}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const { response, payload } = await exchange(fetchImpl, url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, { timeoutMs: config.timeoutMs });
    if (!response.ok) throw errorFromResponse(response.status, payload, response.headers, now());
    return checked(schema, payload, response.status);
  }

  const accountPath = (uid: string, what: string) => `/accounts/${encodeURIComponent(uid)}/${what}`;

  return {
    async listAspsps(query: { country?: string } = {}): Promise<AspspJson[]> {
      return (await call({ method: "GET", path: "/aspsps", schema: aspspListJson, query: { country: query.country, service: "AIS" } })).aspsps;
    },
    startAuthorization(body: StartAuthorizationBody): Promise<StartAuthorizationJson> {
      return call({ method: "POST", path: "/auth", schema: startAuthorizationJson, body });
    },
    authorizeSession(code: string): Promise<AuthorizeSessionJson> {
      return call({ method: "POST", path: "/sessions", schema: authorizeSessionJson, body: { code } });
    },
    getSession(sessionId: string): Promise<SessionJson> {
      return call({ method: "GET", path: `/sessions/${encodeURIComponent(sessionId)}`, schema: sessionJson });
    },
    async deleteSession(sessionId: string): Promise<void> {
      await call({ method: "DELETE", path: `/sessions/${encodeURIComponent(sessionId)}`, schema: successJson });
    },
    accountDetails(uid: string): Promise<AccountJson> {
      return call({ method: "GET", path: accountPath(uid, "details"), schema: accountJson });
    },
    async accountBalances(uid: string): Promise<BalanceJson[]> {
      return (await call({ method: "GET", path: accountPath(uid, "balances"), schema: balanceListJson })).balances;
    },
    accountTransactions(uid: string, query: { date_from: string; date_to: string; continuation_key?: string }): Promise<TransactionPageJson> {
      return call({ method: "GET", path: accountPath(uid, "transactions"), schema: transactionPageJson, query });
    },
  };
}

export type EnableBankingApi = ReturnType<typeof createEnableBankingApi>;
