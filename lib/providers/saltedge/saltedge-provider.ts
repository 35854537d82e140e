/**
 * The Salt Edge adapter: implements the shared Provider contract over the Account
 * Information API v6.
 *
 * Linking: one Salt Edge customer per company (identifier = our customerRef, created on
 * first use), then a connect session whose `return_to` is our callback with our `state`
 * appended; `return_connection_id` makes Salt Edge add `connection_id` to it. The
 * connection ref is the Salt Edge connection id. Update Credentials / Reconnect open a
 * reconnect session on the same connection, so the ref and the account ids stay.
 *
 * Refreshing: Salt Edge fetches the bank's data when the user connects, and allows another
 * refresh only after `next_refresh_possible_at`; reading the accounts and transactions it
 * holds is always allowed. So `openRefresh` reads what Salt Edge holds while a refresh is
 * not yet possible (right after consent, most of all), and otherwise asks for a background
 * refresh and polls the connection until the attempt finishes, stops at an interactive
 * stage (MfaRequired; the code goes back through the interactive route), or the wait runs
 * out (the data Salt Edge already holds is read). The session says which, and when the
 * next refresh is possible.
 */
import { storedMessage } from "@/lib/i18n/stored-message";
import { InvalidWebhook, MfaRequired, ProviderRejected, isProviderError } from "@/lib/providers/errors";
import type { CompletedLink, Provider, ProviderTransaction, RefreshSession } from "@/lib/providers/types";
import { saltEdgeConfig, type SaltEdgeConfig } from "./config";
import { createSaltEdgeApi, type SaltEdgeApi } from "./saltedge-api";
import { challengeId, errorFromClass, parseChallengeId, promptFrom, toAccount, toInstitution, toTransaction } from "./transform";
import type { ConnectionJson } from "./types";
import { verifySaltEdgeCallback } from "./webhook";

const SCOPES = ["accounts", "transactions"];
const DAY_MS = 86_400_000;

/** Salt Edge customer ids by identifier: created once per company, remembered per process. */
const customers = new Map<string, string>();
export function clearSaltEdgeCustomerMemory(): void {
  customers.clear();
}

function withState(url: string, state: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("state", state);
  return parsed.toString();
}

function ownSession(session: RefreshSession): { connectionId: string } {
  if (session.provider !== "saltedge") throw new Error(`A ${session.provider} refresh session was given to the Salt Edge adapter`);
  return JSON.parse(session.token) as { connectionId: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createSaltEdgeProvider(
  config: SaltEdgeConfig = saltEdgeConfig(),
  options: { fetch?: typeof fetch; now?: () => Date } = {},
): Provider {
  const now = options.now ?? (() => new Date());
  const api: SaltEdgeApi = createSaltEdgeApi({ ...config, fetch: options.fetch, now });

  async function customerId(identifier: string): Promise<string> {
    const key = `${config.baseUrl}|${config.appId}|${identifier}`;
    const known = customers.get(key);
    if (known) return known;
    let found: string | undefined;
    try {
      found = (await api.createCustomer(identifier)).customer_id;
    } catch (error) {
      // Created earlier (by another process, or before a restart): find it by identifier.
      if (!(isProviderError(error) && error.providerCode === "DuplicatedCustomer")) throw error;
      found = (await api.listCustomers()).find((customer) => customer.identifier === identifier)?.customer_id;
      if (!found) throw error;
    }
    customers.set(key, found);
    return found;
  }

  /** The consent's end: the connection's last consent, when Salt Edge says when it expires. */
  async function consentEnd(connection: ConnectionJson): Promise<Date | null> {
    const consents = await api.consents(connection.id);
    const consent = consents.find((c) => c.id === connection.last_consent_id) ?? consents.at(-1);
    return consent?.expires_at ? new Date(consent.expires_at) : null;
  }

  /** Throws what a connection's state or its last attempt says went wrong. */
  function failIfBroken(connection: ConnectionJson): void {
    const attempt = connection.last_attempt;
    if (attempt?.fail_error_class && attempt.finished !== false) throw errorFromClass(attempt.fail_error_class, attempt.fail_message ?? null);
    if (connection.status !== "active") throw errorFromClass(connection.status === "disabled" ? "ConnectionDisabled" : "ConnectionInactive", null);
  }

  function mfaFrom(connection: ConnectionJson, codeRejected: boolean): MfaRequired | null {
    const stage = connection.last_attempt?.last_stage;
    if (connection.last_attempt?.finished || stage?.name !== "interactive") return null;
    return new MfaRequired(
      { id: challengeId(connection.id, stage.interactive_fields_names ?? []), prompt: promptFrom(stage.interactive_html) },
      { providerCode: "interactive", codeRejected },
    );
  }

  /** Polls until the attempt finishes, turns interactive, or the wait runs out. */
  async function settle(connectionId: string, codeRejected = false): Promise<ConnectionJson> {
    const deadline = Date.now() + config.refreshWaitMs;
    for (;;) {
      const connection = await api.connection(connectionId);
      const mfa = mfaFrom(connection, codeRejected);
      if (mfa) throw mfa;
      if (connection.last_attempt?.finished !== false || Date.now() >= deadline) return connection;
      await sleep(config.refreshPollMs);
    }
  }

  /** Asks for a background refresh; false when Salt Edge answers that it is too early (its clock may run ahead of ours). */
  async function startedRefresh(connectionId: string): Promise<boolean> {
    try {
      await api.backgroundRefresh(connectionId);
      return true;
    } catch (error) {
      if (isProviderError(error) && error.providerCode === "ConnectionCannotBeRefreshed") return false;
      throw error;
    }
  }

  return {
    name: "saltedge",

    async listInstitutions() {
      return (await api.listProviders()).map(toInstitution);
    },

    async createLinkSession(input) {
      const attempt = {
        return_to: withState(input.redirectUri, input.state),
        fetch_scopes: SCOPES,
        custom_fields: { state: input.state },
      };
      const consent = { scopes: SCOPES, from_date: new Date(now().getTime() - config.historyDays * DAY_MS).toISOString().slice(0, 10) };
      if (input.connectionRef) {
        const session = await api.reconnectSession(input.connectionRef, { consent, attempt, return_connection_id: true });
        return { redirectUrl: session.connect_url };
      }
      const customer = await customerId(input.customerRef ?? "openbanksync");
      const session = await api.createConnectSession({
        customer_id: customer,
        provider_code: input.providerInstitutionId,
        consent,
        attempt,
        return_connection_id: true,
      });
      return { redirectUrl: session.connect_url };
    },

    async completeLink({ callbackParams }): Promise<CompletedLink> {
      const errorClass = callbackParams.get("error_class");
      if (errorClass) throw errorFromClass(errorClass, callbackParams.get("error_message"));
      const connectionId = callbackParams.get("connection_id");
      if (!connectionId) throw new ProviderRejected({ providerCode: "missing_connection_id", text: storedMessage("providerSentences.saltedge.missingConnection") });
      const connection = await settle(connectionId);
      failIfBroken(connection);
      const accounts = (await api.accounts(connectionId)).map(toAccount);
      return { connectionRef: connection.id, consentExpiresAt: await consentEnd(connection), accounts };
    },

    async openRefresh({ connectionRef, mfa }) {
      let connection: ConnectionJson;
      let refreshedNow = true;
      if (mfa) {
        const challenge = parseChallengeId(mfa.challengeId);
        if (!challenge || challenge.connectionId !== connectionRef) throw new ProviderRejected({ providerCode: "unknown_challenge", text: storedMessage("providerSentences.saltedge.otherConnectionsCode") });
        const fields = challenge.fields.length > 0 ? challenge.fields : ["sms"];
        try {
          await api.interactive(connectionRef, Object.fromEntries(fields.map((field) => [field, mfa.code])));
        } catch (error) {
          // The bank refused the code: Salt Edge asks again, so the user gets a new challenge.
          if (!(isProviderError(error) && /Interactive/.test(error.providerCode ?? ""))) throw error;
          const again = mfaFrom(await api.connection(connectionRef), true);
          if (again) throw again;
          throw error;
        }
        connection = await settle(connectionRef);
      } else {
        const current = await api.connection(connectionRef);
        const pending = mfaFrom(current, false);
        if (pending) throw pending;
        if (current.status !== "active") failIfBroken(current);
        const next = current.next_refresh_possible_at ? new Date(current.next_refresh_possible_at) : null;
        if (next && next.getTime() > now().getTime()) {
          connection = current;
          refreshedNow = false;
        } else if (await startedRefresh(connectionRef)) {
          connection = await settle(connectionRef);
        } else {
          connection = await api.connection(connectionRef);
          refreshedNow = false;
        }
      }
      failIfBroken(connection);
      return {
        provider: "saltedge", connectionRef, token: JSON.stringify({ connectionId: connection.id }), expiresAt: null,
        refresh: { refreshedNow, nextPossibleAt: connection.next_refresh_possible_at ?? null },
      };
    },

    async getAccounts(session) {
      return (await api.accounts(ownSession(session).connectionId)).map(toAccount);
    },

    async *getTransactions(session, { providerAccountId, from, to }) {
      const connectionId = ownSession(session).connectionId;
      // Salt Edge filters by account but not by date: posted lines page by page, then the pending ones.
      for (const pending of [undefined, "true" as const]) {
        for await (const page of api.transactions({ connection_id: connectionId, account_id: providerAccountId, pending })) {
          const lines: ProviderTransaction[] = page
            .filter((json) => json.made_on >= from && json.made_on <= to && (pending ? true : json.status === "posted"))
            .map(toTransaction)
            .sort((a, b) => a.bookingDate.localeCompare(b.bookingDate));
          if (lines.length > 0) yield lines;
        }
      }
    },

    async revoke(connectionRef) {
      try {
        await api.removeConnection(connectionRef);
      } catch (error) {
        // Already removed at Salt Edge: that is what revoking wanted.
        if (!(isProviderError(error) && error.providerCode === "ConnectionNotFound")) throw error;
      }
      return { deletedAtProvider: true, message: null };
    },

    verifyWebhook(headers, rawBody) {
      if (!config.callbackPublicKey) throw new InvalidWebhook({ message: "Salt Edge callbacks cannot be verified without SALTEDGE_PUBLIC_KEY." });
      return verifySaltEdgeCallback(config, headers, rawBody);
    },
  };
}
