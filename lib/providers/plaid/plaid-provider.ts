/**
 * The Plaid adapter: implements the shared Provider contract over the Plaid API. A
 * connection is one Plaid Item: its connection ref is the Item's access token (the app
 * encrypts it) and its webhook ref the Item id, which is all a Plaid webhook names.
 * Linking goes through Plaid Link, a browser widget, on our own page (config.linkPageUrl);
 * Update Credentials opens Link in update mode on the same Item, so the access token,
 * account ids and transaction ids stay. Transactions come from /transactions/sync with one
 * cursor per account, kept on the connection (RefreshInput.cursor / cursorAfter).
 */
import { randomUUID } from "node:crypto";
import { storedMessage } from "@/lib/i18n/stored-message";
import { ConsentExpired, InstitutionUnavailable, ProviderRejected, ProviderTransient, isProviderError } from "@/lib/providers/errors";
import type { Provider, ProviderTransaction, RefreshSession } from "@/lib/providers/types";
import { plaidConfig, type PlaidConfig } from "./config";
import { createPlaidApi } from "./plaid-api";
import { PRODUCT_NOT_READY, errorFromLinkExit, toAccount, toInstitution, toRemoved, toTransaction } from "./transform";
import { verifyPlaidWebhook } from "./webhook";

/** What `openRefresh` hands to the data calls: the stored cursor of each account, and a run id. */
interface SessionToken {
  run: string;
  cursors: Record<string, string>;
}

const PAGE_SIZE = 500;
const INSTITUTIONS_PAGE = 500;
// Plaid: on TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION, restart from the update's first cursor.
const MAX_PAGINATION_RESTARTS = 3;

function ownSession(session: RefreshSession): SessionToken {
  if (session.provider !== "plaid") throw new Error(`A ${session.provider} refresh session was given to the Plaid adapter`);
  return JSON.parse(session.token) as SessionToken;
}

/** The connection's stored cursor: a JSON object of account id -> Plaid cursor. Anything else starts afresh. */
export function parseCursors(stored: string | null | undefined): Record<string, string> {
  if (!stored) return {};
  try {
    const value: unknown = JSON.parse(stored);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""));
  } catch {
    return {};
  }
}

export function createPlaidProvider(
  config: PlaidConfig = plaidConfig(),
  options: { fetch?: typeof fetch; now?: () => Date } = {},
): Provider {
  const now = options.now ?? (() => new Date());
  const api = createPlaidApi({ ...config, fetch: options.fetch, now });
  // Cursors reached in this process by each refresh run, handed back by cursorAfter.
  const reached = new Map<string, Record<string, string>>();

  async function* syncAccount(accessToken: string, accountId: string, startCursor: string | undefined): AsyncGenerator<ProviderTransaction[], string | null> {
    for (let restarts = 0; ; restarts++) {
      let cursor = startCursor;
      try {
        for (;;) {
          const page = await api.syncTransactions(accessToken, { cursor, count: PAGE_SIZE, accountId });
          if (!page.has_more && page.next_cursor === "" && page.added.length === 0 && page.removed.length === 0) {
            // Plaid has not pulled this Item's transactions yet (transactions_update_status NOT_READY).
            throw new ProviderTransient({ providerCode: "PRODUCT_NOT_READY", text: PRODUCT_NOT_READY });
          }
          const lines = [
            ...page.added.filter((t) => t.account_id === accountId).map(toTransaction),
            ...page.modified.filter((t) => t.account_id === accountId).map((t) => ({ ...toTransaction(t), modified: true })),
          ];
          // Removals matter only for what an earlier run may have stored.
          if (startCursor) lines.push(...page.removed.filter((t) => t.account_id === accountId).map((t) => toRemoved(t.transaction_id)));
          if (lines.length > 0) yield lines;
          cursor = page.next_cursor;
          if (!page.has_more) return cursor;
        }
      } catch (error) {
        // Lines already yielded are yielded again after a restart; the ingest skips ids it has.
        if (isProviderError(error) && error.providerCode === "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION" && restarts < MAX_PAGINATION_RESTARTS) continue;
        throw error;
      }
    }
  }

  return {
    name: "plaid",

    async listInstitutions() {
      const institutions = [];
      for (let offset = 0; ; offset += INSTITUTIONS_PAGE) {
        const page = await api.getInstitutions({ count: INSTITUTIONS_PAGE, offset, countryCodes: config.countryCodes, products: config.products });
        institutions.push(...page.institutions.map((json) => toInstitution(json, { countryCodes: config.countryCodes, maxHistoryDays: config.daysRequested })));
        if (offset + page.institutions.length >= page.total) return institutions;
        // An empty page before the total is a partial listing: the directory would mark the
        // banks it missed as no longer listed, so it is a failure to retry, not the end.
        if (page.institutions.length === 0) throw new ProviderTransient({ providerCode: "invalid_response", text: storedMessage("providerSentences.plaid.institutionsCut", { listed: offset, total: page.total }) });
      }
    },

    async createLinkSession(input) {
      const common = {
        client_name: config.clientName,
        language: config.language,
        country_codes: config.countryCodes,
        user: { client_user_id: input.customerRef ?? "openbanksync" },
      };
      let linkToken: string;
      let mode: "new" | "update" = "new";
      try {
        if (!input.connectionRef) throw new ConsentExpired({ providerCode: "no_item" });
        // Update mode: no products, and Plaid ignores the webhook (the Item keeps its own).
        linkToken = (await api.createLinkToken({ ...common, access_token: input.connectionRef })).link_token;
        mode = "update";
      } catch (error) {
        // No Item yet, or Plaid no longer knows it (removed at the bank or by us): link a new one.
        if (!(error instanceof ConsentExpired)) throw error;
        const institution = await api.getInstitution(input.providerInstitutionId, config.countryCodes);
        if (institution.status?.item_logins?.status === "DOWN") throw new InstitutionUnavailable({ providerCode: "INSTITUTION_DOWN" });
        linkToken = (await api.createLinkToken({
          ...common,
          products: config.products,
          transactions: { days_requested: config.daysRequested },
          ...(input.webhookUrl ? { webhook: input.webhookUrl } : {}),
          ...(config.oauthRedirectUri ? { redirect_uri: config.oauthRedirectUri } : {}),
        })).link_token;
      }
      const page = new URL(config.linkPageUrl, input.redirectUri);
      page.searchParams.set("link_token", linkToken);
      page.searchParams.set("state", input.state);
      page.searchParams.set("mode", mode);
      // Our page returns to its own /connect/callback; a stand-in Link (the contract mock) needs to be told.
      page.searchParams.set("callback", input.redirectUri);
      return { redirectUrl: page.href };
    },

    async completeLink({ callbackParams, connectionRef }) {
      const error = callbackParams.get("error");
      if (error) throw errorFromLinkExit(error, callbackParams.get("error_message"));
      const publicToken = callbackParams.get("public_token");
      if (!publicToken) throw new ProviderRejected({ providerCode: "missing_public_token", text: storedMessage("providerSentences.plaid.linkNoToken") });
      let accessToken: string;
      if (connectionRef && callbackParams.get("mode") === "update") {
        // Update mode repairs the same Item: its access token does not change, nothing to exchange.
        accessToken = connectionRef;
      } else {
        accessToken = (await api.exchangePublicToken(publicToken)).access_token;
      }
      const { accounts, item } = await api.getAccounts(accessToken);
      return {
        connectionRef: accessToken,
        webhookRef: item.item_id,
        consentExpiresAt: item.consent_expiration_time ? new Date(item.consent_expiration_time) : null,
        accounts: accounts.map((account) => toAccount(account, now())),
      };
    },

    async openRefresh({ connectionRef, cursor }) {
      const token: SessionToken = { run: randomUUID(), cursors: parseCursors(cursor) };
      return { provider: "plaid", connectionRef, token: JSON.stringify(token), expiresAt: null };
    },

    async getAccounts(session) {
      ownSession(session);
      const { accounts } = await api.getAccounts(session.connectionRef);
      return accounts.map((account) => toAccount(account, now()));
    },

    async *getTransactions(session, { providerAccountId, from, to }) {
      const token = ownSession(session);
      const startCursor = token.cursors[providerAccountId];
      const pages = syncAccount(session.connectionRef, providerAccountId, startCursor);
      for (;;) {
        const next = await pages.next();
        if (next.done) {
          if (next.value) reached.set(token.run, { ...(reached.get(token.run) ?? {}), [providerAccountId]: next.value });
          return;
        }
        // Without a cursor this is the whole history: keep the asked window. With one, Plaid
        // sends only what changed, whatever its date (a late-posting line is older than our newest).
        const lines = startCursor ? next.value : next.value.filter((t) => t.bookingDate >= from && t.bookingDate <= to);
        lines.sort((a, b) => a.bookingDate.localeCompare(b.bookingDate));
        if (lines.length > 0) yield lines;
      }
    },

    cursorAfter(session) {
      const token = ownSession(session);
      const updated = reached.get(token.run);
      if (!updated) return null;
      reached.delete(token.run);
      return JSON.stringify({ ...token.cursors, ...updated });
    },

    async revoke(connectionRef) {
      try {
        await api.removeItem(connectionRef);
      } catch (error) {
        // An Item Plaid no longer knows: that is what revoking wanted.
        if (!(error instanceof ConsentExpired)) throw error;
      }
      return { deletedAtProvider: true, message: null };
    },

    verifyWebhook(headers, rawBody, at = now()) {
      return verifyPlaidWebhook({ headers, rawBody, now: at, cacheScope: `${config.baseUrl}|${config.clientId}`, fetchKey: (kid) => api.getVerificationKey(kid) });
    },
  };
}
