/**
 * Connecting a bank: start the provider's consent flow, complete it on the callback
 * (checking the single-use state), then create the bank accounts the user selected and
 * run the first synchronization.
 */
import { webhookUrlFor } from "@/lib/webhooks/url";
import { and, eq, getTableColumns, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, bankConnections, institutions } from "@/db/schema";
import { loadCallMeter } from "@/lib/call-budget/meter";
import { decryptSecret, encryptSecret, lookupHash } from "@/lib/crypto/secret-box";
import { newClientId, newErrorReference } from "@/lib/errors/reference";
import { englishText, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { getProvider, isProviderEnabled } from "@/lib/providers";
import { providerErrorMessage } from "@/lib/providers/error-text";
import { stillListed } from "@/lib/institutions/listed";
import { providerLabel } from "@/lib/providers/catalog";
import { AlreadyConnected, ProviderError } from "@/lib/providers/errors";
import { isProviderName, type Provider, type ProviderAccount } from "@/lib/providers/types";
import { syncForUser } from "@/lib/background/dispatch";
import type { SyncOutcome } from "@/lib/sync/run";
import type { Messages } from "@/lib/i18n/catalogue";
import { LINK_STATE_TTL_MS, hashLinkState, newLinkState } from "./link-state";
import { closeAbandonedConsents } from "./abandoned-consents";
import { logConnectionEvent } from "./log";
import { revokeConsentBestEffort } from "./revoke-consent";

export type ConnectDeps = {
  db: Db;
  provider?: (name: string) => Provider;
  /**
   * Whether new connections may be made through a provider. By default its configuration
   * decides (isProviderEnabled); a caller that injects its own adapters (`provider`, in
   * tests) has configured them, so they count as enabled unless this says otherwise.
   */
  providerEnabled?: (name: string) => boolean;
  now?: () => Date;
};
type Actor = { companyId: string; userId: string };

export function offersNewConnections(deps: ConnectDeps, name: string): boolean {
  if (deps.providerEnabled) return deps.providerEnabled(name);
  if (deps.provider) return true;
  return isProviderName(name) && isProviderEnabled(name);
}

export type StartResult = { ok: true; redirectUrl: string; connectionId: string } | { ok: false; error: StoredMessage };

export async function startConnect(
  deps: ConnectDeps,
  actor: Actor,
  input: { institutionId: string; accountType?: string | null; consent: boolean; callbackUrl: string },
): Promise<StartResult> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  if (!input.consent) return { ok: false, error: refusal("consentRequired") };
  const [institution] = await db
    .select({ ...getTableColumns(institutions), listed: sql<boolean>`${stillListed}` })
    .from(institutions)
    .where(eq(institutions.id, input.institutionId));
  if (!institution) return { ok: false, error: refusal("institutionGone") };
  // Its banks are out of the search, but a page opened earlier may still offer this one.
  if (!offersNewConnections(deps, institution.provider)) {
    return { ok: false, error: refusal("providerNotConfigured", { institution: institution.name, provider: providerLabel(institution.provider) }) };
  }
  // Kept for the connections that reference it, but the provider no longer offers it.
  if (!institution.listed) return { ok: false, error: refusal("institutionDropped", { institution: institution.name, provider: providerLabel(institution.provider) }) };
  if (input.accountType && !institution.accountTypes.includes(input.accountType)) {
    return { ok: false, error: refusal("accountTypeNotOffered") };
  }
  await closeAbandonedConsents(deps, actor);
  const { state, hash } = newLinkState();
  const [connection] = await db
    .insert(bankConnections)
    .values({
      // Nothing to synchronize automatically until the accounts are chosen.
      companyId: actor.companyId, institutionId: institution.id, provider: institution.provider, state: "pending", autoSync: false,
      accountType: input.accountType ?? null, clientId: newClientId(), linkStateHash: hash,
      linkStateExpiresAt: new Date(now.getTime() + LINK_STATE_TTL_MS), createdBy: actor.userId,
    })
    .returning({ id: bankConnections.id, clientId: bankConnections.clientId });
  const provider = (deps.provider ?? getProvider)(institution.provider);
  try {
    const { redirectUrl, pendingConsentRef } = await provider.createLinkSession({
      providerInstitutionId: institution.providerInstitutionId, redirectUri: input.callbackUrl, state,
      accountType: input.accountType ?? undefined, customerRef: actor.companyId,
      webhookUrl: webhookUrlFor(institution.provider, input.callbackUrl),
    });
    if (pendingConsentRef) await rememberPendingConsent(db, connection!.id, pendingConsentRef);
    await logConnectionEvent(db, {
      companyId: actor.companyId, connectionId: connection!.id, actorUserId: actor.userId, level: "user_action",
      message: storedMessage("connections.connectStarted", { institution: institution.name }),
    });
    return { ok: true, redirectUrl, connectionId: connection!.id };
  } catch (error) {
    // Nothing was created at the provider: drop the pending row rather than keep a dead connection.
    await db.delete(bankConnections).where(eq(bankConnections.id, connection!.id));
    return { ok: false, error: errorMessage(error) };
  }
}

export type CallbackResult =
  | { ok: true; connectionId: string }
  | { ok: false; error: StoredMessage; connectionId?: string };

/** Handles the provider's redirect back to us. The state is checked and consumed first. */
export async function completeConnect(deps: ConnectDeps, actor: Actor, params: URLSearchParams): Promise<CallbackResult> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  // GoCardless sends our state back as the requisition's `ref` (it may drop other query parameters).
  const state = params.get("state") ?? params.get("ref");
  if (!state) return { ok: false, error: refusal("stateMissing") };
  const [found] = await db
    .select({ id: bankConnections.id, expiresAt: bankConnections.linkStateExpiresAt })
    .from(bankConnections)
    .where(and(eq(bankConnections.linkStateHash, hashLinkState(state)), eq(bankConnections.companyId, actor.companyId)));
  // Consume the state atomically: a replayed callback finds nothing left to update.
  const [connection] = found
    ? await db
        .update(bankConnections)
        .set({ linkStateHash: null, linkStateExpiresAt: null, updatedAt: now })
        .where(and(eq(bankConnections.id, found.id), eq(bankConnections.linkStateHash, hashLinkState(state))))
        .returning()
    : [];
  if (!found || !connection) {
    return { ok: false, error: refusal("linkUsed") };
  }
  const [institution] = await db.select().from(institutions).where(eq(institutions.id, connection.institutionId));
  const provider = (deps.provider ?? getProvider)(connection.provider);
  const bank = institution?.name ?? storedMessage("connections.theBank");
  const pendingConsent = connection.pendingConsentRefEncrypted ? decryptSecret(connection.pendingConsentRefEncrypted) : undefined;
  if (!found.expiresAt || found.expiresAt < now) {
    if (pendingConsent) await revokeConsentBestEffort(db, provider, pendingConsent, "unfinished", { actor, connectionId: connection.id, bank });
    await markFailed(db, connection.id, actor, refusal("consentTooLong"), "link_expired");
    return { ok: false, error: refusal("consentTooLong"), connectionId: connection.id };
  }
  let consentGiven: string | undefined;
  const previousRef = connection.providerRefEncrypted ? decryptSecret(connection.providerRefEncrypted) : undefined;
  try {
    // Linking reads accounts (GoCardless: details and balances), from the same daily budget as the syncs.
    const meter = await loadCallMeter(db, { companyId: actor.companyId, connectionId: connection.id, now: () => now });
    const link = await provider.completeLink({ callbackParams: params, connectionRef: previousRef, meter });
    // From here on a consent exists at the provider; a new one is ours to revoke if we go no further.
    if (link.connectionRef !== previousRef) consentGiven = link.connectionRef;
    await assertNotAlreadyConnected(db, actor.companyId, connection.id, link.accounts);
    await db
      .update(bankConnections)
      .set({
        state: "selecting_accounts", providerRefEncrypted: encryptSecret(link.connectionRef), providerRefHash: lookupHash(link.webhookRef ?? link.connectionRef), consentExpiresAt: link.consentExpiresAt,
        pendingConsentRefEncrypted: null,
        authorizedAccounts: link.accounts.map(serializeAccount), updatedAt: now,
      })
      .where(eq(bankConnections.id, connection.id));
    consentGiven = undefined; // the connection holds it now
    await logConnectionEvent(db, {
      companyId: actor.companyId, connectionId: connection.id, actorUserId: actor.userId, level: "user_action",
      message: storedMessage("connections.consentGiven", { bank, count: link.accounts.length }),
    });
    // A reconnect that made a new consent (GoCardless requisition, Enable Banking session, ...)
    // leaves the old one authorized at the provider: end it now that the new one is stored.
    // Providers that repair the same consent (Plaid update mode, Salt Edge) return the same ref.
    if (previousRef && previousRef !== link.connectionRef && !connection.consentRevokedAt) {
      await revokeConsentBestEffort(db, provider, previousRef, "replaced", { actor, connectionId: connection.id, bank });
    }
    return { ok: true, connectionId: connection.id };
  } catch (error) {
    const message = errorMessage(error);
    if (consentGiven) await revokeConsentBestEffort(db, provider, consentGiven, "unused", { actor, connectionId: connection.id, bank });
    // Refused at the bank, or failed before completing: the request made for it is deleted at the provider too.
    else if (pendingConsent && pendingConsent !== previousRef) {
      await revokeConsentBestEffort(db, provider, pendingConsent, "unfinished", { actor, connectionId: connection.id, bank });
    }
    await markFailed(db, connection.id, actor, message, error instanceof ProviderError ? error.code : "internal_error");
    return { ok: false, error: message, connectionId: connection.id };
  }
}

export type AccountSelection = { providerAccountId: string; mapToBankAccountId: string | null };

/** Creates (or maps) the selected accounts, activates the connection, runs the first sync. */
export async function confirmAccountSelection(
  deps: ConnectDeps,
  actor: Actor,
  input: { connectionId: string; selections: AccountSelection[] },
): Promise<{ ok: true; outcome: SyncOutcome } | { ok: false; error: StoredMessage }> {
  const { db } = deps;
  const [connection] = await db
    .select({ id: bankConnections.id, state: bankConnections.state, authorized: bankConnections.authorizedAccounts, institutionName: institutions.name })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(bankConnections.id, input.connectionId), eq(bankConnections.companyId, actor.companyId)));
  if (!connection) return { ok: false, error: storedMessage("connectionMissing") };
  if (connection.state !== "selecting_accounts") return { ok: false, error: refusal("accountsAlreadyChosen") };
  if (input.selections.length === 0) return { ok: false, error: refusal("selectOneAccount") };
  const authorized = parseAuthorized(connection.authorized);
  const byId = new Map(authorized.map((a) => [a.providerAccountId, a]));
  for (const selection of input.selections) {
    if (!byId.has(selection.providerAccountId)) return { ok: false, error: refusal("accountNotAuthorized") };
  }
  const mapTargets = input.selections.map((s) => s.mapToBankAccountId).filter((id): id is string => Boolean(id));
  if (new Set(mapTargets).size !== mapTargets.length) return { ok: false, error: refusal("mappedTwice") };
  if (mapTargets.length > 0) {
    const manual = await db
      .select({ id: bankAccounts.id })
      .from(bankAccounts)
      .where(and(eq(bankAccounts.companyId, actor.companyId), isNull(bankAccounts.connectionId), inArray(bankAccounts.id, mapTargets)));
    if (manual.length !== mapTargets.length) return { ok: false, error: refusal("notManualAccount") };
  }

  const existing = await db
    .select({ id: bankAccounts.id, providerAccountId: bankAccounts.providerAccountId })
    .from(bankAccounts)
    .where(eq(bankAccounts.connectionId, connection.id));
  const existingByProviderId = new Map(existing.map((a) => [a.providerAccountId, a.id]));
  const selected = new Set(input.selections.map((s) => s.providerAccountId));

  await db.transaction(async (tx) => {
    for (const selection of input.selections) {
      const account = byId.get(selection.providerAccountId)!;
      const values = {
        connectionId: connection.id, providerAccountId: account.providerAccountId, syncEnabled: true,
        currency: account.currency, accountType: account.type, bankName: connection.institutionName,
        balance: account.balance?.amount ?? null, balanceAsOf: account.balance ? new Date(account.balance.asOf) : null,
      };
      const already = existingByProviderId.get(account.providerAccountId);
      if (already) {
        await tx.update(bankAccounts).set(values).where(eq(bankAccounts.id, already));
      } else if (selection.mapToBankAccountId) {
        await tx.update(bankAccounts).set(values).where(eq(bankAccounts.id, selection.mapToBankAccountId));
      } else {
        await tx.insert(bankAccounts).values({ ...values, companyId: actor.companyId, name: account.name, accountNumber: account.accountNumber });
      }
    }
    // Accounts synchronized so far and now unticked (or no longer authorized) stop; their lines stay.
    const stopped = existing.filter((a) => !a.providerAccountId || !selected.has(a.providerAccountId)).map((a) => a.id);
    if (stopped.length > 0) await tx.update(bankAccounts).set({ syncEnabled: false }).where(inArray(bankAccounts.id, stopped));
    await tx
      .update(bankConnections)
      .set({
        state: "active", authorizedAccounts: null, lastErrorCode: null, lastErrorMessage: null, lastErrorReference: null, updatedAt: new Date(),
        // Its first accounts: automatic synchronization starts now (it was off while there was nothing to synchronize).
        ...(existing.length === 0 ? { autoSync: true } : {}),
      })
      .where(eq(bankConnections.id, connection.id));
  });
  await logConnectionEvent(db, {
    companyId: actor.companyId, connectionId: connection.id, actorUserId: actor.userId, level: "user_action",
    message: storedMessage("connections.accountsSelected", { count: input.selections.length }),
  });
  const outcome = await syncForUser(deps, {
    companyId: actor.companyId, connectionId: connection.id, trigger: existing.length === 0 ? "first_sync" : "manual", actorUserId: actor.userId,
  });
  return { ok: true, outcome };
}

type StoredAccount = Omit<ProviderAccount, "balance"> & { balance: { amount: string; currency: string; asOf: string } | null };

function serializeAccount(account: ProviderAccount): StoredAccount {
  return { ...account, balance: account.balance ? { ...account.balance, asOf: account.balance.asOf.toISOString() } : null };
}

export function parseAuthorized(value: unknown): StoredAccount[] {
  return Array.isArray(value) ? (value as StoredAccount[]) : [];
}

/** The same bank login already synchronizes one of these accounts in another connection. */
async function assertNotAlreadyConnected(db: Db, companyId: string, connectionId: string, accounts: ProviderAccount[]) {
  if (accounts.length === 0) return;
  const [existing] = await db
    .select({ id: bankAccounts.id, name: bankAccounts.name })
    .from(bankAccounts)
    .innerJoin(bankConnections, eq(bankConnections.id, bankAccounts.connectionId))
    .where(and(
      eq(bankAccounts.companyId, companyId),
      ne(bankConnections.id, connectionId),
      ne(bankConnections.state, "disconnected"),
      inArray(bankAccounts.providerAccountId, accounts.map((a) => a.providerAccountId)),
    ))
    .limit(1);
  if (existing) {
    throw new AlreadyConnected({ message: `${existing.name} is already synchronized by another connection.` });
  }
}

/** Keeps the provider's id of the consent being given, so a refused or abandoned one can be deleted there. */
export async function rememberPendingConsent(db: Db, connectionId: string, pendingConsentRef: string) {
  await db.update(bankConnections).set({ pendingConsentRefEncrypted: encryptSecret(pendingConsentRef) }).where(eq(bankConnections.id, connectionId));
}

/**
 * A consent flow that failed. A new connection that never completed is "Consent refused"
 * when the user refused, else disconnected, with automatic synchronization off (Connect
 * again starts over); an existing one (update credentials, reconnect, renew consent)
 * keeps the state it had.
 */
async function markFailed(db: Db, connectionId: string, actor: Actor, message: StoredMessage, code: string) {
  const reference = newErrorReference();
  const neverCompleted = sql`${bankConnections.providerRefEncrypted} is null`;
  const failedState = code === "consent_refused" ? sql`'refused'::connection_state` : sql`'disconnected'::connection_state`;
  await db
    .update(bankConnections)
    .set({
      state: sql`case when ${neverCompleted} then ${failedState} else ${bankConnections.state} end`,
      autoSync: sql`case when ${neverCompleted} then false else ${bankConnections.autoSync} end`,
      pendingConsentRefEncrypted: null,
      lastErrorCode: code, lastErrorMessage: englishText(message), lastErrorReference: reference, updatedAt: new Date(),
    })
    .where(eq(bankConnections.id, connectionId));
  await logConnectionEvent(db, { companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: "error", message, errorReference: reference });
}

/** Both ways out; the Connect page links to where they are (Settings → Online Synchronization). */
const ALREADY_CONNECTED = refusal("alreadyConnected");

/** A refusal of the connect flow, said in the reader's language by the page or action. */
export function refusal(key: RefusalKey, params?: Parameters<typeof storedMessage>[1]): StoredMessage {
  return storedMessage(`connections.refusals.${key}`, params);
}
type RefusalKey = keyof Messages["storedMessages"]["connections"]["refusals"];

function errorMessage(error: unknown): StoredMessage {
  // The provider or our own check may notice it; the user reads one sentence either way.
  if (error instanceof AlreadyConnected) return ALREADY_CONNECTED;
  if (error instanceof ProviderError) return providerErrorMessage(error);
  console.error("[connect] unexpected error", error);
  return refusal("connectUnexpected");
}
