/**
 * The Sandbox adapter: implements the shared Provider contract over the Sandbox API
 * (served by this app under /sandbox, or by `serveSandbox` in tests).
 */
import { storedMessage } from "@/lib/i18n/stored-message";
import { ProviderRejected, isProviderError } from "@/lib/providers/errors";
import type { Provider, RefreshSession } from "@/lib/providers/types";
import { sandboxProviderConfig, type SandboxProviderConfig } from "./config";
import { createSandboxApi } from "./sandbox-api";
import { errorFromCallback, toAccount, toInstitution, toTransaction } from "./transform";
import { verifySandboxWebhook } from "./webhook";

function ownSession(session: RefreshSession): RefreshSession {
  if (session.provider !== "sandbox") throw new Error(`A ${session.provider} refresh session was given to the Sandbox adapter`);
  return session;
}

export function createSandboxProvider(
  config: SandboxProviderConfig = sandboxProviderConfig(),
  fetchImpl: typeof fetch = fetch,
): Provider {
  const api = createSandboxApi({ baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, fetch: fetchImpl });

  return {
    name: "sandbox",

    async listInstitutions() {
      return (await api.listInstitutions()).map(toInstitution);
    },

    async createLinkSession(input) {
      const session = await api.createLinkSession({
        institution_id: input.providerInstitutionId,
        redirect_uri: input.redirectUri,
        state: input.state,
        account_type: input.accountType,
        connection_id: input.connectionRef,
        customer_ref: input.customerRef,
        webhook_url: input.webhookUrl,
      });
      return { redirectUrl: session.url };
    },

    async completeLink({ callbackParams }) {
      const error = callbackParams.get("error");
      if (error) throw errorFromCallback(error);
      const code = callbackParams.get("code");
      if (!code) throw new ProviderRejected({ providerCode: "missing_code", text: storedMessage("providerSentences.missingCode") });
      const link = await api.exchangeCode(code);
      return {
        connectionRef: link.connection_id,
        consentExpiresAt: link.consent_expires_at ? new Date(link.consent_expires_at) : null,
        accounts: link.accounts.map(toAccount),
      };
    },

    async openRefresh({ connectionRef, background, mfa }) {
      const refresh = await api.refresh(connectionRef, { background, mfa_code: mfa?.code, challenge_id: mfa?.challengeId });
      return { provider: "sandbox", connectionRef, token: refresh.refresh_token, expiresAt: refresh.expires_at };
    },

    async getAccounts(session) {
      const { connectionRef, token } = ownSession(session);
      return (await api.accounts(connectionRef, token)).map(toAccount);
    },

    async *getTransactions(session, { providerAccountId, from, to }) {
      const { connectionRef, token } = ownSession(session);
      let cursor: string | undefined;
      do {
        const page = await api.transactions(connectionRef, providerAccountId, token, {
          date_from: from,
          date_to: to,
          cursor,
          limit: String(config.pageSize),
        });
        if (page.transactions.length > 0) yield page.transactions.map(toTransaction);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
    },

    async revoke(connectionRef) {
      try {
        const result = await api.revoke(connectionRef);
        return result ? { deletedAtProvider: result.deleted, message: result.message } : { deletedAtProvider: true, message: null };
      } catch (error) {
        // Already gone at the Sandbox: that is what revoking wanted.
        if (isProviderError(error) && error.providerCode === "connection_not_found") return { deletedAtProvider: true, message: null };
        throw error;
      }
    },

    verifyWebhook(headers, rawBody, now = new Date()) {
      return verifySandboxWebhook(config.webhookSecret, headers, rawBody, now);
    },
  };
}
