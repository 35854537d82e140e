/**
 * Sandbox API, data of a granted connection: refresh (where MFA, the daily limit, the
 * background-refresh refusal and consent expiry show up), accounts with balances,
 * paged transactions, revocation and test webhooks.
 */
import { refreshRequestJson, simulateRequestJson, webhookTestRequestJson, type RefreshJson, type RevokeJson, type TransactionPageJson } from "@/lib/providers/sandbox/types";
import { deriveAccounts, type SandboxAccount } from "./accounts";
import type { SandboxContext } from "./context";
import { dayOf, isDay, nextUtcMidnight } from "./days";
import { historyStart, transactionPage, type PagePosition } from "./generator";
import { bookLate, lateBookedCents, lateBookedLines } from "./late-bookings";
import { SandboxApiError, json, readJson } from "./http";
import { SANDBOX_MFA_CODE, SANDBOX_MFA_PROMPT, type SandboxInstitution } from "./institutions";
import { APP_WEBHOOK_PATH, isAppUrl } from "./app-urls";
import { institutionOrThrow, unavailable } from "./link-api";
import { accountJson, transactionJson } from "./present";
import type { SandboxConnection } from "./store";
import { deliverWebhook } from "./webhooks";

const REFRESH_TOKEN_MINUTES = 60;
const CHALLENGE_MINUTES = 10;
const DEFAULT_PAGE_SIZE = 500;
const MAX_PAGE_SIZE = 1000;

interface Loaded {
  connection: SandboxConnection;
  institution: SandboxInstitution;
}

async function loadConnection(context: SandboxContext, id: string): Promise<Loaded> {
  const connection = await context.store.getConnection(id);
  if (!connection || connection.deletedAt) throw new SandboxApiError(404, "connection_not_found", "This connection does not exist.");
  return { connection, institution: institutionOrThrow(connection.institutionId) };
}

function assertConsent({ connection, institution }: Loaded, now: Date): void {
  if (connection.revokedAt || connection.consentExpiresAt <= now) {
    throw new SandboxApiError(401, "consent_expired", `The consent given to ${institution.name} has expired or was revoked.`);
  }
}

/** Loads the connection and checks the `Authorization: Bearer <refresh_token>` of a data request. */
async function authorizeRead(context: SandboxContext, id: string, request: Request): Promise<Loaded & { now: Date }> {
  const loaded = await loadConnection(context, id);
  const now = context.now();
  assertConsent(loaded, now);
  const token = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  const grant = token ? context.tokens.verify("refresh", token, now) : null;
  if (!grant || grant.connection !== id) {
    throw new SandboxApiError(401, "invalid_refresh_token", "The refresh token is missing, invalid or expired. Open a new refresh.");
  }
  return { ...loaded, now };
}

/** A new SMS challenge, usable once: any refresh of the connection makes it stale. */
async function challengeError(context: SandboxContext, connectionId: string, status: number, code: string, message: string): Promise<SandboxApiError> {
  const now = context.now();
  const day = dayOf(now);
  const refreshes = await context.store.countRefreshes(connectionId, day);
  const id = context.tokens.sign("challenge", { connection: connectionId, day, refreshes }, new Date(now.getTime() + CHALLENGE_MINUTES * 60_000));
  return new SandboxApiError(status, code, message, { challenge: { id, prompt: SANDBOX_MFA_PROMPT } });
}

async function isCurrentChallenge(context: SandboxContext, connectionId: string, challengeId: string | undefined, now: Date): Promise<boolean> {
  const challenge = challengeId ? context.tokens.verify("challenge", challengeId, now) : null;
  if (!challenge || challenge.connection !== connectionId || challenge.day !== dayOf(now)) return false;
  return challenge.refreshes === (await context.store.countRefreshes(connectionId, challenge.day));
}

export async function refresh(context: SandboxContext, id: string, request: Request): Promise<Response> {
  const body = await readJson(request, refreshRequestJson);
  await context.holds.wait(id);
  const loaded = await loadConnection(context, id);
  const { institution } = loaded;
  const now = context.now();
  if (institution.status === "down") throw unavailable(institution);
  assertConsent(loaded, now);
  throwSimulatedFailure(loaded);
  if (body.background && !institution.backgroundRefresh) {
    throw new SandboxApiError(409, "background_refresh_unsupported", `${institution.name} only allows refreshes started by the user.`);
  }
  if (institution.mfa) {
    if (!body.mfa_code) throw await challengeError(context, id, 403, "mfa_required", "A security code is required.");
    if (!(await isCurrentChallenge(context, id, body.challenge_id, now))) {
      throw await challengeError(context, id, 403, "mfa_required", "The security code request expired; a new code was sent.");
    }
    if (body.mfa_code.trim() !== SANDBOX_MFA_CODE) {
      throw await challengeError(context, id, 401, "invalid_mfa_code", "The security code is not correct; a new code was sent.");
    }
  }
  const count = await context.store.recordRefresh(id, dayOf(now));
  if (institution.dailyRefreshLimit !== null && count > institution.dailyRefreshLimit) {
    const retryAfter = nextUtcMidnight(now);
    throw new SandboxApiError(
      429,
      "rate_limited",
      `${institution.name} allows ${institution.dailyRefreshLimit} refresh per day.`,
      { retry_after: retryAfter.toISOString() },
      { "retry-after": String(Math.ceil((retryAfter.getTime() - now.getTime()) / 1000)) },
    );
  }
  const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_MINUTES * 60_000);
  const result: RefreshJson = { refresh_token: context.tokens.sign("refresh", { connection: id }, expiresAt), expires_at: expiresAt.toISOString() };
  return json(result);
}

function grantedAccounts({ connection, institution }: Loaded): SandboxAccount[] {
  return deriveAccounts(institution, connection.username, connection.accountType).filter((account) => connection.accountIds.includes(account.id));
}

export async function listAccounts(context: SandboxContext, id: string, request: Request): Promise<Response> {
  const loaded = await authorizeRead(context, id, request);
  return json({
    accounts: grantedAccounts(loaded).map((account) =>
      accountJson(account, loaded.institution, loaded.now, lateBookedCents(lateBookedLines(loaded.connection, account, loaded.institution))),
    ),
  });
}

function encodeCursor(position: PagePosition): string {
  return Buffer.from(`${position.day}:${position.index}`).toString("base64url");
}

function decodeCursor(cursor: string): PagePosition {
  const [day = "", index = ""] = Buffer.from(cursor, "base64url").toString("utf8").split(":");
  if (!isDay(day) || !/^\d+$/.test(index)) throw new SandboxApiError(400, "invalid_cursor", "The cursor is not one this API returned.");
  return { day, index: Number(index) };
}

export async function listTransactions(context: SandboxContext, id: string, accountId: string, request: Request): Promise<Response> {
  const loaded = await authorizeRead(context, id, request);
  const account = grantedAccounts(loaded).find((candidate) => candidate.id === accountId);
  if (!account) throw new SandboxApiError(404, "account_not_found", "This account is not part of the connection.");
  const query = new URL(request.url).searchParams;
  const today = dayOf(loaded.now);
  const from = query.get("date_from") ?? historyStart(loaded.institution, today);
  const to = query.get("date_to") ?? today;
  if (!isDay(from)) throw new SandboxApiError(400, "invalid_request", "date_from must be a date written YYYY-MM-DD.");
  if (!isDay(to)) throw new SandboxApiError(400, "invalid_request", "date_to must be a date written YYYY-MM-DD.");
  if (from > to) throw new SandboxApiError(400, "invalid_request", "date_from must not be after date_to.");
  const limitParam = query.get("limit");
  const limit = limitParam === null ? DEFAULT_PAGE_SIZE : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new SandboxApiError(400, "invalid_request", `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  const cursor = query.get("cursor");
  const page = transactionPage({
    account,
    institution: loaded.institution,
    today,
    from,
    to,
    after: cursor ? decodeCursor(cursor) : null,
    limit,
    lateBooked: lateBookedLines(loaded.connection, account, loaded.institution),
  });
  const result: TransactionPageJson = {
    transactions: page.transactions.map(transactionJson),
    next_cursor: page.next ? encodeCursor(page.next) : null,
  };
  return json(result);
}

/** The failure a test asked the bank to simulate, answered by every refresh until a new consent. */
function throwSimulatedFailure({ connection, institution }: Loaded): void {
  if (connection.simulatedFailure === "bank_error") {
    throw new SandboxApiError(422, "bank_error", `${institution.name} answered with an internal error (simulated by the Sandbox's test controls).`);
  }
  if (connection.simulatedFailure === "login_required") {
    throw new SandboxApiError(401, "login_required", `${institution.name} needs the user to sign in again.`);
  }
}

/**
 * Test controls: make every refresh of the connection fail the way a bank does, or stop
 * failing (`failure: null`). A required login is also announced by webhook, like a real
 * aggregator does.
 */
export async function simulate(context: SandboxContext, id: string, request: Request): Promise<Response> {
  const { failure } = await readJson(request, simulateRequestJson);
  const { connection } = await loadConnection(context, id);
  const now = context.now();
  await context.store.updateConnection(id, { simulatedFailure: failure, updatedAt: now });
  const webhook =
    failure === "login_required" && connection.webhookUrl
      ? await deliverWebhook({
          url: connection.webhookUrl,
          secret: context.webhookSecret,
          at: now,
          event: { type: "login_required", connection_id: connection.id, account_ids: [] },
        })
      : null;
  return json({ simulated_failure: failure, webhook });
}

/** Test control: the bank books lines late (./late-bookings.ts). */
export async function bookLateLines(context: SandboxContext, id: string, request: Request): Promise<Response> {
  const loaded = await loadConnection(context, id);
  return bookLate(context, { ...loaded, accounts: grantedAccounts(loaded) }, request);
}

export async function revoke(context: SandboxContext, id: string): Promise<Response> {
  const { connection, institution } = await loadConnection(context, id);
  const now = context.now();
  if (institution.keepsRecordOnDelete) {
    await context.store.updateConnection(id, { revokedAt: connection.revokedAt ?? now, updatedAt: now });
    const result: RevokeJson = {
      revoked: true,
      deleted: false,
      message:
        `Access is revoked, but ${institution.name} keeps a record of this connection. ` +
        `To remove it, sign in to ${institution.name} online banking and delete "OpenBankSync" under Settings › Connected apps.`,
    };
    return json(result);
  }
  await context.store.updateConnection(id, { revokedAt: connection.revokedAt ?? now, deletedAt: now, updatedAt: now });
  return new Response(null, { status: 204 });
}

export async function sendTestWebhook(context: SandboxContext, id: string, request: Request): Promise<Response> {
  const body = await readJson(request, webhookTestRequestJson);
  if (context.appOrigins && !isAppUrl(body.url, APP_WEBHOOK_PATH, context.appOrigins)) {
    throw new SandboxApiError(400, "invalid_request", `url must be this app's ${APP_WEBHOOK_PATH}.`);
  }
  const { connection } = await loadConnection(context, id);
  const delivery = await deliverWebhook({
    url: body.url,
    secret: context.webhookSecret,
    at: context.now(),
    event: {
      type: body.type,
      connection_id: connection.id,
      account_ids: body.type === "transactions.available" ? connection.accountIds : [],
    },
  });
  return json(delivery);
}
