/**
 * The SimpleFIN adapter: implements the shared Provider contract over the SimpleFIN
 * protocol. There is no hosted consent page and no bank list: the user creates a setup
 * token at SimpleFIN Bridge (choosing banks and accounts there) and pastes it on our
 * /connect/simplefin page, whose action hands it to `completeLink` as `setup_token`. The
 * claimed access URL is the connection ref (stored encrypted like every ref).
 *
 * SimpleFIN asks apps for at most 24 requests a day per access URL, so nothing is asked
 * twice: `openRefresh` makes no request, `getAccounts` one balances-only request, and each
 * account's transactions one request per `maxWindowDays` of the window.
 */
import { toIsoDate } from "@/lib/dates";
import { storedMessage } from "@/lib/i18n/stored-message";
import { ConsentExpired, ConsentRefused, InvalidWebhook, ProviderRejected } from "@/lib/providers/errors";
import type { Provider, ProviderAccount, ProviderTransaction, RefreshSession } from "@/lib/providers/types";
import { simpleFinConfig, type SimpleFinConfig } from "./config";
import { createSimpleFinApi } from "./simplefin-api";
import { bridgeInstitution, decodeSetupToken, errorFromAccountSet, requestRanges, toAccount, toTransaction } from "./transform";
import type { AccountSetJson } from "./types";

/** The path of our page where the user pastes a setup token, resolved against the callback URL's origin. */
export const SIMPLEFIN_LINK_PAGE = "/connect/simplefin";

export const SIMPLEFIN_REVOKE_MESSAGE = storedMessage("providerSentences.simplefin.accessNotGivenBack");

function accessUrlOf(session: RefreshSession): string {
  if (session.provider !== "simplefin") throw new Error(`A ${session.provider} refresh session was given to the SimpleFIN adapter`);
  return session.connectionRef;
}

function accountsOf(set: AccountSetJson): ProviderAccount[] {
  const connections = set.connections ?? [];
  return set.accounts.map((account) => toAccount(account, connections)).filter((account): account is ProviderAccount => account !== null);
}

export function createSimpleFinProvider(
  config: SimpleFinConfig = simpleFinConfig(),
  options: { fetch?: typeof fetch; now?: () => Date } = {},
): Provider {
  const now = options.now ?? (() => new Date());
  const api = createSimpleFinApi({ allowedOrigins: config.allowedOrigins, timeoutMs: config.timeoutMs, fetch: options.fetch, now });

  async function balances(accessUrl: string): Promise<ProviderAccount[]> {
    const set = await api.accounts(accessUrl, { balancesOnly: true });
    const error = errorFromAccountSet(set, { accountIds: null });
    if (error) throw error;
    return accountsOf(set);
  }

  return {
    name: "simplefin",

    async listInstitutions() {
      return [bridgeInstitution(config.historyDays)];
    },

    async createLinkSession(input) {
      // Our own page takes the setup token; the state comes back with it like any callback's.
      const page = new URL(SIMPLEFIN_LINK_PAGE, input.redirectUri);
      page.searchParams.set("state", input.state);
      if (input.connectionRef) page.searchParams.set("mode", "update");
      return { redirectUrl: page.href };
    },

    async completeLink({ callbackParams }) {
      if (callbackParams.get("error")) throw new ConsentRefused({ providerCode: callbackParams.get("error"), text: storedMessage("providerSentences.simplefin.noTokenGiven") });
      const token = callbackParams.get("setup_token");
      if (!token) throw new ProviderRejected({ providerCode: "missing_setup_token", text: storedMessage("providerSentences.simplefin.pasteToken") });
      const accessUrl = await api.claim(decodeSetupToken(token, config.allowedOrigins));
      return { connectionRef: accessUrl, consentExpiresAt: null, accounts: await balances(accessUrl) };
    },

    async openRefresh({ connectionRef }) {
      // Nothing to open: every request carries the access URL's credentials, and an extra
      // request would spend the day's small allowance.
      return { provider: "simplefin", connectionRef, token: "{}", expiresAt: null };
    },

    async getAccounts(session) {
      return balances(accessUrlOf(session));
    },

    async *getTransactions(session, { providerAccountId, from, to }) {
      const accessUrl = accessUrlOf(session);
      const today = toIsoDate(now());
      const seen = new Set<string>();
      const ranges = requestRanges(from, to, config.maxWindowDays);
      for (const [index, range] of ranges.entries()) {
        // Pending lines are not filtered by date: asked for with the newest range only, so
        // they come once and after the older posted lines.
        const pending = index === ranges.length - 1;
        const set = await api.accounts(accessUrl, { startDate: range.start, endDate: range.end, pending, accountIds: [providerAccountId] });
        const error = errorFromAccountSet(set, { accountIds: [providerAccountId] });
        if (error) throw error;
        const account = set.accounts.find((candidate) => candidate.id === providerAccountId);
        if (!account) {
          throw new ConsentExpired({ providerCode: "account_not_shared", text: storedMessage("providerSentences.simplefin.accountNotShared") });
        }
        const firstDay = toIsoDate(new Date(range.start * 1000));
        const lines: ProviderTransaction[] = [];
        for (const json of account.transactions ?? []) {
          if (seen.has(json.id)) continue;
          const line = toTransaction(json, account.currency, [range.lastDay, today].sort()[0]!);
          // A server that ignores the dates must not bring lines from outside the window.
          if (line.status === "posted" && (line.bookingDate < firstDay || line.bookingDate > range.lastDay)) continue;
          seen.add(json.id);
          lines.push(line);
        }
        lines.sort((a, b) => a.bookingDate.localeCompare(b.bookingDate));
        if (lines.length > 0) yield lines;
      }
    },

    async revoke() {
      // The protocol has no revoke request: the user disables the token at the Bridge.
      return { deletedAtProvider: false, message: SIMPLEFIN_REVOKE_MESSAGE };
    },

    verifyWebhook() {
      throw new InvalidWebhook({ message: "SimpleFIN sends no webhooks." });
    },
  };
}
