/**
 * Raw HTTP client of a SimpleFIN server: POST /claim/:token (a setup token's claim URL,
 * answered with an access URL as plain text) and GET /accounts with the access URL's Basic
 * credentials. Requests are bounded by a timeout; network failures, timeouts and
 * unreadable answers become ProviderTransient; error statuses become typed errors.
 */
import { checked, exchange } from "@/lib/providers/http";
import { accountsError, claimError, parseAccessUrl, splitAccessUrl } from "./transform";
import { accountSetJson, type AccountSetJson } from "./types";

export interface SimpleFinApiConfig {
  allowedOrigins: string[];
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface AccountsQuery {
  /** Epoch seconds, inclusive. */
  startDate?: number;
  /** Epoch seconds, exclusive. */
  endDate?: number;
  pending?: boolean;
  accountIds?: string[];
  balancesOnly?: boolean;
}

export function createSimpleFinApi(config: SimpleFinApiConfig) {
  const fetchImpl = config.fetch ?? fetch;
  const now = config.now ?? (() => new Date());

  return {
    /** Exchanges a claim URL (decoded from a setup token) for an access URL. A token claims once. */
    async claim(claimUrl: URL): Promise<string> {
      const { response, payload } = await exchange(
        fetchImpl, claimUrl, { method: "POST", headers: { "content-length": "0", accept: "text/plain" } },
        { timeoutMs: config.timeoutMs, parse: (text) => text },
      );
      if (!response.ok) throw claimError(response.status);
      return parseAccessUrl(typeof payload === "string" ? payload : "", config.allowedOrigins);
    },

    async accounts(accessUrl: string, query: AccountsQuery): Promise<AccountSetJson> {
      const { root, authorization } = splitAccessUrl(accessUrl);
      const url = new URL(`${root}/accounts`);
      // Version 2 answers carry structured errors (`errlist`) and the bank connections.
      url.searchParams.set("version", "2");
      if (query.startDate !== undefined) url.searchParams.set("start-date", String(query.startDate));
      if (query.endDate !== undefined) url.searchParams.set("end-date", String(query.endDate));
      if (query.pending) url.searchParams.set("pending", "1");
      if (query.balancesOnly) url.searchParams.set("balances-only", "1");
      for (const id of query.accountIds ?? []) url.searchParams.append("account", id);
      const { response, payload } = await exchange(fetchImpl, url, { method: "GET", headers: { accept: "application/json", authorization } }, { timeoutMs: config.timeoutMs });
      if (!response.ok) throw accountsError(response.status, response.headers, now());
      return checked(accountSetJson, payload, response.status);
    },
  };
}

export type SimpleFinApi = ReturnType<typeof createSimpleFinApi>;
