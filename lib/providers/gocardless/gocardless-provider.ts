/**
 * The GoCardless Bank Account Data adapter: implements the shared Provider contract over
 * GoCardless's API v2.
 *
 * Linking: an end-user agreement (the bank's full history, 90 to 180 days of access) and
 * a requisition whose `reference` is our single-use `state`. GoCardless sends the browser
 * back to `redirect` with `?ref=<reference>` (and `error=` when the user did not finish);
 * the redirect also carries `state` so that the app's callback can check it as for any
 * provider. The connection ref is the requisition id. A reconnect makes a new requisition,
 * so the ref changes (CompletedLink carries the new one; the app stores it and revokes the
 * old requisition).
 *
 * Refreshing: GoCardless has no "refresh" call; the bank is asked for data on each
 * account read, and each of details, balances and transactions is limited by the bank to
 * 4 successful calls per account per day. `openRefresh` therefore only checks that the
 * requisition is linked and its agreement still valid (calls GoCardless answers itself,
 * free of that limit), and each sync spends one details, one balances and one
 * transactions call per account, linking one details and one balances call. Every one of
 * them is first taken from the app's CallMeter when one is given.
 */
import { storedMessage } from "@/lib/i18n/stored-message";
import { ConsentExpired, InstitutionUnavailable, InvalidWebhook, ProviderRejected, RateLimited, isProviderError } from "@/lib/providers/errors";
import type { CallMeter, CompletedLink, LimitedCall, Provider, ProviderAccount, RefreshSession } from "@/lib/providers/types";
import { goCardlessConfig, type GoCardlessConfig } from "./config";
import { createGoCardlessApi, type GoCardlessApi } from "./gocardless-api";
import {
  LINKED,
  accessDays,
  errorFromCallback,
  errorFromRequisitionStatus,
  goCardlessInstitutionId,
  historyDays,
  pickBalance,
  stableAccountIds,
  toAccount,
  toInstitutions,
  toTransactions,
} from "./transform";
import type { AccountDetailsJson, AgreementJson, BalanceJson, RequisitionJson } from "./types";

const ACCESS_SCOPE = ["balances", "details", "transactions"];
const PENDING_LINK_TTL_MS = 60 * 60_000;

/**
 * Requisitions started by this process, by reference: GoCardless cannot look a
 * requisition up by its reference, so the callback finds it here, or by listing the
 * requisitions when another process (or a restart) started it. Only a shortcut: the
 * requisition a reconnect replaces is deleted by the app once the new one is stored
 * (lib/connections/connect.ts), whichever process completes it.
 */
const pendingLinks = new Map<string, { requisitionId: string; expiresAt: number }>();

function rememberLink(reference: string, requisitionId: string, now: number) {
  for (const [key, entry] of pendingLinks) if (entry.expiresAt < now) pendingLinks.delete(key);
  pendingLinks.set(reference, { requisitionId, expiresAt: now + PENDING_LINK_TTL_MS });
}

/** Forgets the requisitions started by this process (tests of the lookup by listing). */
export function clearGoCardlessLinkMemory(): void {
  pendingLinks.clear();
}

/** What a RefreshSession's token holds: our account ids mapped to this requisition's GoCardless ids. */
interface SessionToken {
  accounts: [string, string][];
}

function ownSession(session: RefreshSession): Map<string, string> {
  if (session.provider !== "gocardless") throw new Error(`A ${session.provider} refresh session was given to the GoCardless adapter`);
  return new Map((JSON.parse(session.token) as SessionToken).accounts);
}

function withQuery(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.toString();
}

function consentEnd(agreement: AgreementJson, now: Date): Date {
  const start = agreement.accepted ? new Date(agreement.accepted) : now;
  return new Date(start.getTime() + agreement.access_valid_for_days * 86_400_000);
}

export function createGoCardlessProvider(
  config: GoCardlessConfig = goCardlessConfig(),
  fetchImpl: typeof fetch = fetch,
  now: () => Date = () => new Date(),
): Provider {
  const api: GoCardlessApi = createGoCardlessApi({ ...config, fetch: fetchImpl, now });

  /** A requisition that must still exist: a 404 means it was deleted, so the consent is gone. */
  async function requisition(requisitionId: string): Promise<RequisitionJson> {
    try {
      return await api.requisition(requisitionId);
    } catch (error) {
      if (isProviderError(error) && error.httpStatus === 404) throw new ConsentExpired({ providerCode: "requisition_not_found", httpStatus: 404 });
      throw error;
    }
  }

  /** Every requisition page, newest GoCardless page order, until one has this reference. */
  async function findByReference(reference: string): Promise<string | null> {
    const remembered = pendingLinks.get(reference);
    if (remembered) return remembered.requisitionId;
    for (let offset = 0; ; offset += 100) {
      const page = await api.requisitions({ limit: "100", offset: String(offset) });
      const match = page.results.find((candidate) => candidate.reference === reference);
      if (match) return match.id;
      if (!page.next || page.results.length === 0) return null;
    }
  }

  async function accountIds(accountIdsOfRequisition: string[]): Promise<Map<string, string>> {
    const metadata = await Promise.all(accountIdsOfRequisition.map((id) => api.accountMetadata(id)));
    return stableAccountIds(metadata);
  }

  /**
   * One call the bank limits, if the meter allows it; null when the day's calls of that
   * scope are spent. A 429 the meter did not foresee is reported to it, so that no other
   * call of the scope is made today and the user is told.
   */
  async function limitedRead<T>(meter: CallMeter | undefined, call: LimitedCall, request: () => Promise<T>): Promise<T | null> {
    if (meter && !(await meter.take(call))) return null;
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
      await meter?.spent(call, error.retryAfter);
      return null;
    }
  }

  /**
   * Details and balances each spend one of the bank's 4 daily calls for the account. A
   * sync needs neither to fetch transactions, so a spent limit degrades the answer
   * (GoCardless's own metadata instead of the bank's details, no balance) rather than
   * failing the whole run; the meter says so in the connection log.
   */
  async function readAccount(providerAccountId: string, goCardlessId: string, meter: CallMeter | undefined): Promise<ProviderAccount> {
    const details: AccountDetailsJson["account"] | null =
      (await limitedRead(meter, { providerAccountId, scope: "details" }, () => api.accountDetails(goCardlessId)))?.account ?? null;
    const balances: BalanceJson[] =
      (await limitedRead(meter, { providerAccountId, scope: "balances" }, () => api.accountBalances(goCardlessId)))?.balances ?? [];
    const metadata = details ? null : await api.accountMetadata(goCardlessId);
    return toAccount(providerAccountId, details ?? {}, metadata, pickBalance(balances, now()));
  }

  return {
    name: "gocardless",

    async listInstitutions() {
      const lists = config.countries.length > 0 ? await Promise.all(config.countries.map((country) => api.institutions(country))) : [await api.institutions()];
      const seen = new Set<string>();
      const wanted = config.countries.length > 0 ? new Set(config.countries) : null;
      return lists
        .flat()
        .flatMap(toInstitutions)
        .filter((institution) => {
          const key = institution.providerInstitutionId;
          if (seen.has(key) || (wanted && !wanted.has(institution.country))) return false;
          seen.add(key);
          return true;
        });
    },

    async createLinkSession(input) {
      const institution = await api.institution(goCardlessInstitutionId(input.providerInstitutionId));
      const agreement = await api.createAgreement({
        institution_id: institution.id,
        max_historical_days: historyDays(institution),
        access_valid_for_days: accessDays(institution),
        access_scope: ACCESS_SCOPE,
      });
      const created = await api.createRequisition({
        redirect: withQuery(input.redirectUri, "state", input.state),
        institution_id: institution.id,
        reference: input.state,
        agreement: agreement.id,
        user_language: config.userLanguage,
      });
      if (!created.link) throw new ProviderRejected({ providerCode: "missing_link", text: storedMessage("providerSentences.gocardless.noConsentLink") });
      rememberLink(input.state, created.id, now().getTime());
      return { redirectUrl: created.link, pendingConsentRef: created.id };
    },

    async completeLink({ callbackParams, meter }): Promise<CompletedLink> {
      const error = callbackParams.get("error");
      if (error) throw errorFromCallback(error, callbackParams.get("details"));
      const reference = callbackParams.get("ref");
      if (!reference) throw new ProviderRejected({ providerCode: "missing_ref", text: storedMessage("providerSentences.gocardless.missingReference") });
      const state = callbackParams.get("state");
      if (state && state !== reference) throw new ProviderRejected({ providerCode: "ref_mismatch", text: storedMessage("providerSentences.gocardless.otherReference") });
      const requisitionId = await findByReference(reference);
      if (!requisitionId) throw new ProviderRejected({ providerCode: "requisition_not_found", text: storedMessage("providerSentences.gocardless.unknownConsent") });
      const linked = await requisition(requisitionId);
      if (linked.reference !== reference) throw new ProviderRejected({ providerCode: "ref_mismatch" });
      if (linked.status !== LINKED) throw errorFromRequisitionStatus(linked.status);

      const agreement = linked.agreement ? await api.agreement(linked.agreement) : null;
      const ids = await accountIds(linked.accounts);
      const accounts = await Promise.all(linked.accounts.map((goCardlessId) => readAccount(ids.get(goCardlessId) ?? goCardlessId, goCardlessId, meter)));

      pendingLinks.delete(reference);
      return { connectionRef: linked.id, consentExpiresAt: agreement ? consentEnd(agreement, now()) : null, accounts };
    },

    async openRefresh({ connectionRef }) {
      const current = await requisition(connectionRef);
      if (current.status !== LINKED) {
        const error = errorFromRequisitionStatus(current.status);
        throw error instanceof InstitutionUnavailable ? error : new ConsentExpired({ providerCode: error.providerCode });
      }
      if (current.agreement) {
        const agreement = await api.agreement(current.agreement).catch((error: unknown) => {
          // Deleted at GoCardless: the consent it gave is gone with it.
          throw isProviderError(error) && error.httpStatus === 404 ? new ConsentExpired({ providerCode: "agreement_not_found", httpStatus: 404 }) : error;
        });
        if (consentEnd(agreement, now()) <= now()) throw new ConsentExpired({ providerCode: "agreement_expired" });
      }
      const ids = await accountIds(current.accounts);
      const token: SessionToken = { accounts: current.accounts.map((goCardlessId) => [ids.get(goCardlessId) ?? goCardlessId, goCardlessId]) };
      return { provider: "gocardless", connectionRef, token: JSON.stringify(token), expiresAt: null };
    },

    async getAccounts(session, meter) {
      const accounts = ownSession(session);
      const result: ProviderAccount[] = [];
      for (const [providerAccountId, goCardlessId] of accounts) result.push(await readAccount(providerAccountId, goCardlessId, meter));
      return result;
    },

    async *getTransactions(session, { providerAccountId, from, to }, meter) {
      const goCardlessId = ownSession(session).get(providerAccountId);
      if (!goCardlessId) throw new ProviderRejected({ providerCode: "unknown_account", text: storedMessage("providerSentences.gocardless.accountNotInConsent") });
      const call: LimitedCall = { providerAccountId, scope: "transactions" };
      if (meter && !(await meter.take(call))) {
        throw new RateLimited(null, { providerCode: "call_budget", text: storedMessage("providerSentences.noCallLeftToday") });
      }
      let json;
      try {
        // One call answers the whole window (GoCardless does not page transactions).
        json = await api.accountTransactions(goCardlessId, { date_from: from, date_to: to });
      } catch (error) {
        if (error instanceof RateLimited) await meter?.spent(call, error.retryAfter);
        throw error;
      }
      const page = toTransactions(json, to);
      if (page.length > 0) yield page;
    },

    async revoke(connectionRef) {
      try {
        await api.deleteRequisition(connectionRef);
      } catch (error) {
        // Already gone at GoCardless: that is what revoking wanted.
        if (!(isProviderError(error) && error.httpStatus === 404)) throw error;
      }
      return { deletedAtProvider: true, message: null };
    },

    verifyWebhook() {
      throw new InvalidWebhook({ message: "GoCardless Bank Account Data sends no webhooks." });
    },
  };
}
