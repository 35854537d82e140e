/**
 * Raw HTTP client of the Plaid API: one method per endpoint the adapter uses. Every call is
 * a JSON POST carrying client_id and secret in its body (Plaid's documented scheme), bounded
 * by a timeout, its answer checked against ./types with money literals kept as strings.
 * Network failures, timeouts and unreadable answers become ProviderTransient; Plaid's
 * error bodies go through `errorFromResponse`.
 */
import type { z } from "zod";
import { checked, exchange } from "@/lib/providers/http";
import { parseDecimalJson } from "./decimal-json";
import { errorFromResponse } from "./transform";
import {
  accountsJson,
  exchangeJson,
  institutionByIdJson,
  institutionsJson,
  itemRemoveJson,
  linkTokenJson,
  transactionsSyncJson,
  verificationKeyJson,
  type TransactionsSyncJson,
} from "./types";

/** The API version this client speaks (Plaid-Version header). */
export const PLAID_API_VERSION = "2020-09-14";

export interface PlaidApiConfig {
  clientId: string;
  secret: string;
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface LinkTokenBody {
  client_name: string;
  language: string;
  country_codes: string[];
  user: { client_user_id: string };
  products?: string[];
  access_token?: string;
  redirect_uri?: string;
  webhook?: string;
  transactions?: { days_requested: number };
}

export function createPlaidApi(config: PlaidApiConfig) {
  const fetchImpl = config.fetch ?? fetch;

  async function call<T extends z.ZodType>(path: string, schema: T, body: Record<string, unknown>): Promise<z.infer<T>> {
    const { response, payload } = await exchange(fetchImpl, `${config.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", "plaid-version": PLAID_API_VERSION },
      body: JSON.stringify({ client_id: config.clientId, secret: config.secret, ...body }),
    }, { timeoutMs: config.timeoutMs, parse: parseDecimalJson });
    if (!response.ok) throw errorFromResponse(response.status, payload, config.now?.() ?? new Date());
    return checked(schema, payload, response.status);
  }

  return {
    createLinkToken(body: LinkTokenBody) {
      return call("/link/token/create", linkTokenJson, { ...body });
    },
    exchangePublicToken(publicToken: string) {
      return call("/item/public_token/exchange", exchangeJson, { public_token: publicToken });
    },
    getAccounts(accessToken: string) {
      return call("/accounts/get", accountsJson, { access_token: accessToken });
    },
    syncTransactions(accessToken: string, query: { cursor?: string; count: number; accountId: string }): Promise<TransactionsSyncJson> {
      return call("/transactions/sync", transactionsSyncJson, {
        access_token: accessToken,
        ...(query.cursor ? { cursor: query.cursor } : {}),
        count: query.count,
        options: { account_id: query.accountId, include_original_description: true },
      });
    },
    getInstitutions(query: { count: number; offset: number; countryCodes: string[]; products: string[] }) {
      return call("/institutions/get", institutionsJson, {
        count: query.count,
        offset: query.offset,
        country_codes: query.countryCodes,
        options: { products: query.products, include_optional_metadata: true },
      });
    },
    /** One institution with its health (`include_status`; Plaid gives none in Sandbox). */
    async getInstitution(institutionId: string, countryCodes: string[]) {
      return (await call("/institutions/get_by_id", institutionByIdJson, {
        institution_id: institutionId,
        country_codes: countryCodes,
        options: { include_status: true },
      })).institution;
    },
    async removeItem(accessToken: string): Promise<void> {
      await call("/item/remove", itemRemoveJson, { access_token: accessToken });
    },
    async getVerificationKey(keyId: string) {
      return (await call("/webhook_verification_key/get", verificationKeyJson, { key_id: keyId })).key;
    },
  };
}

export type PlaidApi = ReturnType<typeof createPlaidApi>;
