/**
 * Raw HTTP client of Salt Edge's Account Information API v6: one method per endpoint the
 * adapter uses. Every request carries `App-id` and `Secret`; with a private key configured
 * it is also signed (`Expires-at`, `Signature`, see ./signature). Bodies are `{ data: ... }`.
 * Network failures, timeouts and unreadable answers become ProviderTransient; error
 * answers go through `errorFromResponse`.
 */
import type { z } from "zod";
import { storedMessage } from "@/lib/i18n/stored-message";
import { ProviderRejected, ProviderTransient } from "@/lib/providers/errors";
import { checked, exchange } from "@/lib/providers/http";
import { parseJsonKeepingMoney } from "./json";
import { REQUEST_SIGNATURE_LIFETIME_SECONDS, privateKeyOf, signRequest } from "./signature";
import { errorFromResponse } from "./transform";
import {
  accountJson,
  connectSessionJson,
  connectionJson,
  consentJson,
  customerJson,
  dataOf,
  pageOf,
  providerJson,
  removedJson,
  transactionJson,
} from "./types";

export interface SaltEdgeApiConfig {
  appId: string;
  secret: string;
  privateKey: string | null;
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

type Method = "GET" | "POST" | "PUT" | "DELETE";
type Query = Record<string, string | undefined>;

export interface AttemptBody {
  return_to: string;
  fetch_scopes?: string[];
  custom_fields?: Record<string, string>;
}

export interface ConsentBody {
  scopes: string[];
  from_date?: string;
}

export function createSaltEdgeApi(config: SaltEdgeApiConfig) {
  const fetchImpl = config.fetch ?? fetch;
  const now = config.now ?? (() => new Date());

  async function call<T extends z.ZodType>(method: Method, path: string, schema: T, options: { body?: unknown; query?: Query } = {}): Promise<z.infer<T>> {
    if (!config.appId || !config.secret) {
      throw new ProviderRejected({ providerCode: "not_configured", text: storedMessage("providerSentences.saltedge.notConfigured") });
    }
    const url = new URL(`${config.baseUrl}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
    const body = options.body === undefined ? "" : JSON.stringify(options.body);
    const headers: Record<string, string> = {
      accept: "application/json",
      "content-type": "application/json",
      "App-id": config.appId,
      Secret: config.secret,
    };
    if (config.privateKey) {
      const expiresAt = Math.floor(now().getTime() / 1000) + REQUEST_SIGNATURE_LIFETIME_SECONDS;
      headers["Expires-at"] = String(expiresAt);
      headers.Signature = signRequest(privateKeyOf(config.privateKey), { expiresAt, method, url: url.toString(), body });
    }
    const { response, payload } = await exchange(fetchImpl, url, { method, headers, body: body || undefined }, { timeoutMs: config.timeoutMs, parse: parseJsonKeepingMoney });
    if (!response.ok) throw errorFromResponse(response.status, payload, response.headers, now());
    return checked(schema, payload, response.status);
  }

  /** Every page of a list, following `meta.next_id` as the next `from_id`. */
  async function* pages<T extends z.ZodType>(path: string, item: T, query: Query): AsyncGenerator<z.infer<T>[]> {
    const seen = new Set<string>();
    let fromId: string | undefined;
    do {
      const page = await call("GET", path, pageOf(item), { query: { ...query, from_id: fromId } });
      yield page.data as z.infer<T>[];
      fromId = page.meta?.next_id ?? undefined;
      if (fromId && seen.has(fromId)) throw new ProviderTransient({ providerCode: "paging_loop", text: storedMessage("providerSentences.saltedge.samePageAgain") });
      if (fromId) seen.add(fromId);
    } while (fromId);
  }

  async function all<T extends z.ZodType>(path: string, item: T, query: Query): Promise<z.infer<T>[]> {
    const items: z.infer<T>[] = [];
    for await (const page of pages(path, item, query)) items.push(...page);
    return items;
  }

  const id = encodeURIComponent;

  return {
    listProviders(query: { country_code?: string } = {}) {
      return all("/providers", providerJson, { ...query, include_sandboxes: "true" });
    },
    async createCustomer(identifier: string) {
      return (await call("POST", "/customers", dataOf(customerJson), { body: { data: { identifier } } })).data;
    },
    listCustomers() {
      return all("/customers", customerJson, {});
    },
    async createConnectSession(body: { customer_id: string; provider_code: string; consent: ConsentBody; attempt: AttemptBody; return_connection_id: boolean }) {
      return (await call("POST", "/connections/connect", dataOf(connectSessionJson), { body: { data: body } })).data;
    },
    async reconnectSession(connectionId: string, body: { consent: ConsentBody; attempt: AttemptBody; return_connection_id: boolean }) {
      return (await call("POST", `/connections/${id(connectionId)}/reconnect`, dataOf(connectSessionJson), { body: { data: body } })).data;
    },
    async refreshSession(connectionId: string, body: { attempt: AttemptBody; return_connection_id: boolean }) {
      return (await call("POST", `/connections/${id(connectionId)}/refresh`, dataOf(connectSessionJson), { body: { data: body } })).data;
    },
    async connection(connectionId: string) {
      return (await call("GET", `/connections/${id(connectionId)}`, dataOf(connectionJson))).data;
    },
    async backgroundRefresh(connectionId: string) {
      return (await call("POST", `/connections/${id(connectionId)}/background_refresh`, dataOf(connectionJson.partial().required({ id: true })), { body: { data: {} } })).data;
    },
    async interactive(connectionId: string, credentials: Record<string, string>) {
      return (await call("PUT", `/connections/${id(connectionId)}/interactive`, dataOf(connectionJson.partial().required({ id: true })), { body: { data: { credentials } } })).data;
    },
    async removeConnection(connectionId: string) {
      return (await call("DELETE", `/connections/${id(connectionId)}`, dataOf(removedJson))).data;
    },
    consents(connectionId: string) {
      return all("/consents", consentJson, { connection_id: connectionId });
    },
    accounts(connectionId: string) {
      return all("/accounts", accountJson, { connection_id: connectionId });
    },
    transactions(query: { connection_id: string; account_id: string; pending?: "true" }) {
      return pages("/transactions", transactionJson, query);
    },
  };
}

export type SaltEdgeApi = ReturnType<typeof createSaltEdgeApi>;
