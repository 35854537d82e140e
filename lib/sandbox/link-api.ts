/**
 * Sandbox API, linking: the institution list, link sessions (which open the hosted
 * consent page) and the exchange of the one-time code for a connection.
 */
import { randomBytes } from "node:crypto";
import { exchangeRequestJson, linkSessionRequestJson, type ExchangeJson, type LinkSessionJson } from "@/lib/providers/sandbox/types";
import { dayOf } from "./days";
import { deriveAccounts, effectiveAccountType, normalizeUsername } from "./accounts";
import type { SandboxContext } from "./context";
import { SandboxApiError, json, readJson } from "./http";
import { SANDBOX_INSTITUTIONS, findInstitution, type SandboxInstitution } from "./institutions";
import { APP_CALLBACK_PATH, APP_WEBHOOK_PATH, isAppUrl } from "./app-urls";
import { accountJson, institutionJson } from "./present";

const LINK_SESSION_MINUTES = 30;
/** PSD2 consents last at most 180 days; the Sandbox grants 90 so that expiry is testable. */
export const CONSENT_DAYS = 90;

export function listInstitutions(context: SandboxContext): Response {
  return json({ institutions: SANDBOX_INSTITUTIONS.map((institution) => institutionJson(institution, context.baseUrl)) });
}

export function institutionOrThrow(id: string): SandboxInstitution {
  const institution = findInstitution(id);
  if (!institution) throw new SandboxApiError(404, "institution_not_found", `No institution has the id "${id}".`);
  return institution;
}

export function unavailable(institution: SandboxInstitution): SandboxApiError {
  return new SandboxApiError(503, "institution_unavailable", `${institution.name} is temporarily unavailable.`);
}

export async function createLinkSession(context: SandboxContext, request: Request): Promise<Response> {
  const body = await readJson(request, linkSessionRequestJson);
  if (context.appOrigins && !isAppUrl(body.redirect_uri, APP_CALLBACK_PATH, context.appOrigins)) {
    throw new SandboxApiError(400, "invalid_request", `redirect_uri must be this app's ${APP_CALLBACK_PATH}.`);
  }
  if (context.appOrigins && body.webhook_url && !isAppUrl(body.webhook_url, APP_WEBHOOK_PATH, context.appOrigins)) {
    throw new SandboxApiError(400, "invalid_request", `webhook_url must be this app's ${APP_WEBHOOK_PATH}.`);
  }
  const institution = institutionOrThrow(body.institution_id);
  if (institution.status === "down") throw unavailable(institution);
  if (body.account_type && institution.accountTypes.length > 0 && !institution.accountTypes.includes(body.account_type)) {
    throw new SandboxApiError(400, "invalid_request", `${institution.name} offers the account types ${institution.accountTypes.join(", ")}.`);
  }
  if (body.connection_id) {
    const connection = await context.store.getConnection(body.connection_id);
    if (!connection || connection.deletedAt || connection.institutionId !== institution.id) {
      throw new SandboxApiError(404, "connection_not_found", "The connection to update does not exist at this institution.");
    }
  }
  const now = context.now();
  const id = `ls_${randomBytes(16).toString("hex")}`;
  const expiresAt = new Date(now.getTime() + LINK_SESSION_MINUTES * 60_000);
  await context.store.createLinkSession({
    id,
    institutionId: institution.id,
    redirectUri: body.redirect_uri,
    state: body.state,
    accountType: institution.accountTypes.length > 0 ? (body.account_type ?? null) : null,
    connectionId: body.connection_id ?? null,
    customerRef: body.customer_ref ?? null,
    webhookUrl: body.webhook_url ?? null,
    createdAt: now,
    expiresAt,
    exchangedAt: null,
  });
  const session: LinkSessionJson = { id, url: `${context.baseUrl}/consent/${id}`, expires_at: expiresAt.toISOString() };
  return json(session, 201);
}

export async function exchangeCode(context: SandboxContext, request: Request): Promise<Response> {
  const { code } = await readJson(request, exchangeRequestJson);
  const now = context.now();
  const grant = context.tokens.verify("code", code, now);
  const session = grant ? await context.store.getLinkSession(grant.session) : null;
  if (!grant || !session) throw new SandboxApiError(400, "invalid_code", "The code is invalid or has expired.");
  if (!(await context.store.markLinkSessionExchanged(session.id, now))) {
    throw new SandboxApiError(400, "invalid_code", "The code was already used.");
  }
  const institution = institutionOrThrow(session.institutionId);
  const username = normalizeUsername(grant.username);
  const consentExpiresAt = new Date(now.getTime() + CONSENT_DAYS * 86_400_000);
  let connectionId = session.connectionId;
  if (connectionId) {
    const existing = await context.store.getConnection(connectionId);
    if (!existing || existing.deletedAt) throw new SandboxApiError(404, "connection_not_found", "The connection to update no longer exists.");
    // A new consent is the way out of a failure the bank simulated.
    await context.store.updateConnection(connectionId, {
      accountIds: grant.accounts,
      consentExpiresAt,
      revokedAt: null,
      simulatedFailure: null,
      ...(session.webhookUrl ? { webhookUrl: session.webhookUrl } : {}),
      updatedAt: now,
    });
  } else {
    if (session.customerRef) {
      const duplicate = await context.store.findLiveConnection({ institutionId: institution.id, username, customerRef: session.customerRef });
      if (duplicate) throw new SandboxApiError(409, "already_connected", `This ${institution.name} login is already connected.`);
    }
    connectionId = `conn_${randomBytes(16).toString("hex")}`;
    await context.store.createConnection({
      id: connectionId,
      institutionId: institution.id,
      username,
      customerRef: session.customerRef,
      accountType: effectiveAccountType(institution, session.accountType),
      accountIds: grant.accounts,
      consentExpiresAt,
      revokedAt: null,
      deletedAt: null,
      webhookUrl: session.webhookUrl,
      // Today's transactions are part of the first sync; announce from tomorrow on.
      notifiedThrough: dayOf(now),
      simulatedFailure: null,
      lateBookings: [],
      createdAt: now,
      updatedAt: now,
    });
  }
  const accounts = deriveAccounts(institution, username, session.accountType).filter((account) => grant.accounts.includes(account.id));
  const result: ExchangeJson = {
    connection_id: connectionId,
    consent_expires_at: consentExpiresAt.toISOString(),
    accounts: accounts.map((account) => accountJson(account, institution, now)),
  };
  return json(result);
}
