/**
 * The Enable Banking adapter: implements the shared Provider contract over the Enable
 * Banking API. A connection is one Enable Banking session (its id is the connection ref);
 * Update Credentials and Reconnect authorize a new session, whose accounts keep their
 * ids because we key them on the account-number hash (see transform.toAccount).
 */
import { storedMessage } from "@/lib/i18n/stored-message";
import { ConsentExpired, InstitutionUnavailable, InvalidWebhook, ProviderRejected, ProviderTransient, RateLimited, isProviderError } from "@/lib/providers/errors";
import type { Provider, RefreshSession } from "@/lib/providers/types";
import { enableBankingConfig, type EnableBankingConfig } from "./config";
import { createEnableBankingApi } from "./enablebanking-api";
import { errorFromCallback, fingerprintId, parseInstitutionId, pickBalance, toAccount, toInstitution, toTransaction } from "./transform";

/** What `openRefresh` hands to the data calls: the session's accounts, by our id (hash) to Enable Banking's uid. */
interface SessionToken {
  accounts: Record<string, string>;
}

function ownSession(session: RefreshSession): SessionToken {
  if (session.provider !== "enablebanking") throw new Error(`A ${session.provider} refresh session was given to the Enable Banking adapter`);
  return JSON.parse(session.token) as SessionToken;
}

function uidFor(token: SessionToken, providerAccountId: string): string {
  const uid = token.accounts[providerAccountId];
  if (!uid) throw new ConsentExpired({ providerCode: "account_not_in_session", text: storedMessage("providerSentences.enablebanking.accountNotInSession") });
  return uid;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const UNREACHABLE_ACCOUNT = new Set(["ASPSP_ACCOUNT_NOT_ACCESSIBLE", "ACCOUNT_DOES_NOT_EXIST"]);

export function createEnableBankingProvider(
  config: EnableBankingConfig = enableBankingConfig(),
  options: { fetch?: typeof fetch; now?: () => Date } = {},
): Provider {
  const now = options.now ?? (() => new Date());
  const api = createEnableBankingApi({ ...config, fetch: options.fetch, now });

  return {
    name: "enablebanking",

    async listInstitutions() {
      return (await api.listAspsps()).map(toInstitution);
    },

    async createLinkSession(input) {
      const bank = parseInstitutionId(input.providerInstitutionId);
      if (!bank) throw new ProviderRejected({ providerCode: "unknown_institution", text: storedMessage("providerSentences.enablebanking.unknownInstitution") });
      // valid_until may not exceed the bank's maximum_consent_validity, which only the ASPSP list tells.
      const aspsp = (await api.listAspsps({ country: bank.country })).find((a) => a.name === bank.name);
      if (!aspsp) throw new InstitutionUnavailable({ providerCode: "aspsp_not_listed", text: storedMessage("providerSentences.enablebanking.bankNoLongerOffered") });
      const wantedMs = config.consentDays * DAY_MS;
      const allowedMs = aspsp.maximum_consent_validity ? aspsp.maximum_consent_validity * 1000 : wantedMs;
      const validUntil = new Date(now().getTime() + Math.min(wantedMs, allowedMs));
      const started = await api.startAuthorization({
        access: { valid_until: validUntil.toISOString() },
        aspsp: { name: bank.name, country: bank.country },
        state: input.state,
        redirect_url: input.redirectUri,
        psu_type: input.accountType,
      });
      return { redirectUrl: started.url };
    },

    async completeLink({ callbackParams }) {
      const error = callbackParams.get("error");
      if (error) throw errorFromCallback(error, callbackParams.get("error_description"));
      const code = callbackParams.get("code");
      if (!code) throw new ProviderRejected({ providerCode: "missing_code", text: storedMessage("providerSentences.missingCode") });
      const session = await api.authorizeSession(code);
      return {
        connectionRef: session.session_id,
        consentExpiresAt: new Date(session.access.valid_until),
        // Balances are not asked here: each data call may count against the bank's daily PSD2 allowance.
        accounts: session.accounts.filter((account) => account.uid).map((account) => toAccount(account, null)),
      };
    },

    async openRefresh({ connectionRef }) {
      const session = await api.getSession(connectionRef);
      const expiresAt = new Date(session.access.valid_until);
      if (session.status !== "AUTHORIZED" || expiresAt.getTime() <= now().getTime()) {
        throw new ConsentExpired({ providerCode: session.status === "AUTHORIZED" ? "EXPIRED_SESSION" : session.status });
      }
      const token: SessionToken = { accounts: Object.fromEntries(session.accounts_data.map((a) => [a.identification_hash, a.uid])) };
      return { provider: "enablebanking", connectionRef, token: JSON.stringify(token), expiresAt: expiresAt.toISOString() };
    },

    async getAccounts(session, meter) {
      const token = ownSession(session);
      const accounts = [];
      for (const [providerAccountId, uid] of Object.entries(token.accounts)) {
        try {
          const details = await api.accountDetails(uid);
          // Where the bank sets a daily limit (the directory's), balances and transactions are counted per account; a spent balance read only leaves the balance as it was.
          const balances = !meter || (await meter.take({ providerAccountId, scope: "balances" })) ? await api.accountBalances(uid) : [];
          accounts.push(toAccount(details, pickBalance(balances, details.currency, now())));
        } catch (error) {
          // A blocked or closed account is left out (the sync says the bank no longer lists
          // it) rather than failing the other accounts of the consent.
          if (isProviderError(error) && UNREACHABLE_ACCOUNT.has(error.providerCode ?? "")) continue;
          throw error;
        }
      }
      return accounts;
    },

    async *getTransactions(session, { providerAccountId, from, to }, meter) {
      const uid = uidFor(ownSession(session), providerAccountId);
      if (meter && !(await meter.take({ providerAccountId, scope: "transactions" }))) {
        throw new RateLimited(null, { providerCode: "call_budget", text: storedMessage("providerSentences.noCallLeftToday") });
      }
      const seen = new Map<string, number>();
      const occurrence = (base: string) => {
        const count = (seen.get(base) ?? 0) + 1;
        seen.set(base, count);
        return count;
      };
      const keys = new Set<string>();
      let continuationKey: string | undefined;
      do {
        const page = await api.accountTransactions(uid, { date_from: from, date_to: to, continuation_key: continuationKey });
        const lines = [];
        for (const json of page.transactions) {
          const line = toTransaction(json, () => fingerprintId(json, occurrence(fingerprintId(json, 0))));
          if (line) lines.push(line);
        }
        // The contract promises oldest first; banks often answer newest first.
        lines.sort((a, b) => a.bookingDate.localeCompare(b.bookingDate));
        if (lines.length > 0) yield lines;
        continuationKey = page.continuation_key || undefined;
        if (continuationKey && keys.has(continuationKey)) {
          throw new ProviderTransient({ providerCode: "continuation_loop", text: storedMessage("providerSentences.enablebanking.samePageAgain") });
        }
        if (continuationKey) keys.add(continuationKey);
      } while (continuationKey);
    },

    async revoke(connectionRef) {
      try {
        await api.deleteSession(connectionRef);
      } catch (error) {
        // A session Enable Banking no longer knows, or already closed: that is what revoking wanted.
        if (isProviderError(error) && ["SESSION_DOES_NOT_EXIST", "CLOSED_SESSION", "EXPIRED_SESSION", "REVOKED_SESSION"].includes(error.providerCode ?? "")) {
          return { deletedAtProvider: true, message: null };
        }
        throw error;
      }
      return { deletedAtProvider: true, message: null };
    },

    verifyWebhook() {
      throw new InvalidWebhook({ message: "Enable Banking sends no webhooks for account information." });
    },
  };
}
