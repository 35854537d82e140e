/**
 * Contract mock of the Enable Banking API for tests (see ./README.md for the pages it
 * follows): node:http on a random port. Every API request must carry an application JWT
 * that verifies with the app's public key; the hosted consent page is a redirect that
 * approves (or, with ?deny=1, refuses) at once. Test controls inject the failures real
 * banks produce: daily PSD2 limits (429), ASPSP errors, malformed answers and slow ones.
 */
import { createHash, randomUUID, verify, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface MockTransaction {
  entry_reference?: string | null;
  transaction_id?: string | null;
  transaction_amount: { currency: string; amount: string };
  credit_debit_indicator: "CRDT" | "DBIT";
  status: string;
  booking_date?: string | null;
  value_date?: string | null;
  transaction_date?: string | null;
  creditor?: { name?: string } | null;
  creditor_account?: { iban?: string } | null;
  debtor?: { name?: string } | null;
  debtor_account?: { iban?: string } | null;
  remittance_information?: string[] | null;
  reference_number?: string | null;
}

export interface MockAccount {
  iban: string;
  currency: string;
  details: string;
  cash_account_type: string;
  balances: { balance_type: string; amount: string; reference_date?: string }[];
  transactions: MockTransaction[];
}

export interface MockBank {
  name: string;
  country: string;
  bic: string | null;
  logo: string;
  psu_types: string[];
  /** Seconds. */
  maximum_consent_validity: number;
  beta: boolean;
  /**
   * Days of history the bank serves: a transaction query starting further back is refused
   * with 422 WRONG_TRANSACTIONS_PERIOD, as banks that keep less answer. Unlimited when unset.
   */
  historyDays?: number;
  /** The accounts a user of this bank authorizes. */
  accounts: MockAccount[];
}

type Fault =
  | { kind: "error"; status: number; error: string; retryAfter?: string }
  | { kind: "malformed" }
  | { kind: "wrong_shape" }
  | { kind: "delay"; ms: number };

interface Authorization {
  bank: MockBank;
  state: string;
  redirectUrl: string;
  validUntil: string;
  psuType: string;
  code: string | null;
  used: boolean;
}

interface Session {
  id: string;
  bank: MockBank;
  psuType: string;
  validUntil: string;
  created: string;
  status: "AUTHORIZED" | "CLOSED" | "REVOKED";
  /** uid -> account */
  accounts: Map<string, MockAccount>;
}

export interface EnableBankingMockOptions {
  applicationId: string;
  /** The application's public key: every request's JWT must verify with it. */
  publicKey: KeyObject;
  banks: MockBank[];
  now?: () => Date;
  /** Transactions per page before a continuation_key is sent. */
  pageSize?: number;
  /** Allowed redirect URLs of the application; any when unset. */
  redirectUrls?: string[];
  /** PSD2 allowance: calls per account, endpoint and UTC day without the user present. Unlimited when unset. */
  unattendedCallsPerDay?: number;
  /** A fixed port (an app server started beforehand must know the URL); random when unset. */
  port?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

/** The account-number hash Enable Banking gives as identification_hash; stable across sessions. */
export function identificationHash(iban: string): string {
  return createHash("sha256").update(`iban:${iban}`).digest("base64url");
}

class MockError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function decodeSegment(segment: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  if (!value || typeof value !== "object") throw new Error("not an object");
  return value as Record<string, unknown>;
}

export async function serveEnableBankingMock(options: EnableBankingMockOptions) {
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 50;
  const authorizations = new Map<string, Authorization>();
  const codes = new Map<string, string>();
  const sessions = new Map<string, Session>();
  const faults: { path: RegExp; fault: Fault }[] = [];
  const usage = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  let baseUrl = "";

  function checkJwt(request: IncomingMessage) {
    const header = request.headers.authorization ?? "";
    if (!header.startsWith("Bearer ")) throw new MockError(401, "AUTHORIZATION_NOT_PROVIDED", "Authorization header with a JWT is required");
    const [head, body, signature, ...rest] = header.slice("Bearer ".length).trim().split(".");
    if (!head || !body || !signature || rest.length > 0) throw new MockError(401, "UNAUTHORIZED_ACCESS", "Malformed JWT");
    let jwtHeader: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      jwtHeader = decodeSegment(head);
      claims = decodeSegment(body);
    } catch {
      throw new MockError(401, "UNAUTHORIZED_ACCESS", "Malformed JWT");
    }
    if (jwtHeader.alg !== "RS256" || jwtHeader.typ !== "JWT") throw new MockError(401, "UNAUTHORIZED_ACCESS", "Only RS256 JWTs are accepted");
    if (jwtHeader.kid !== options.applicationId) throw new MockError(401, "UNAUTHORIZED_ACCESS", "Unknown application (kid)");
    const valid = verify("RSA-SHA256", Buffer.from(`${head}.${body}`), options.publicKey, Buffer.from(signature, "base64url"));
    if (!valid) throw new MockError(401, "UNAUTHORIZED_ACCESS", "JWT signature does not verify with the application's key");
    if (claims.iss !== "enablebanking.com" || claims.aud !== "api.enablebanking.com") {
      throw new MockError(401, "UNAUTHORIZED_ACCESS", "JWT iss must be enablebanking.com and aud api.enablebanking.com");
    }
    const seconds = now().getTime() / 1000;
    const { iat, exp } = claims;
    if (typeof iat !== "number" || typeof exp !== "number") throw new MockError(401, "UNAUTHORIZED_ACCESS", "JWT iat and exp are required");
    if (iat > seconds + 60) throw new MockError(401, "UNAUTHORIZED_ACCESS", "JWT issued in the future");
    if (exp <= seconds) throw new MockError(401, "UNAUTHORIZED_ACCESS", "JWT expired");
    if (exp - iat > 86_400) throw new MockError(401, "UNAUTHORIZED_ACCESS", "JWT lifetime exceeds 24 hours");
  }

  function findBank(name: unknown, country: unknown): MockBank {
    const bank = options.banks.find((b) => b.name === name && b.country === country);
    if (!bank) throw new MockError(400, "WRONG_ASPSP_PROVIDED", "ASPSP not found");
    return bank;
  }

  function sessionFor(id: string): Session {
    const session = sessions.get(id);
    if (!session) throw new MockError(404, "SESSION_DOES_NOT_EXIST", "Session does not exist");
    return session;
  }

  function statusOf(session: Session): string {
    if (session.status !== "AUTHORIZED") return session.status;
    return new Date(session.validUntil).getTime() <= now().getTime() ? "EXPIRED" : "AUTHORIZED";
  }

  function accountFor(uid: string): { session: Session; account: MockAccount } {
    for (const session of sessions.values()) {
      const account = session.accounts.get(uid);
      if (!account) continue;
      const status = statusOf(session);
      if (status === "EXPIRED") throw new MockError(401, "EXPIRED_SESSION", "Session is expired");
      if (status === "CLOSED") throw new MockError(401, "CLOSED_SESSION", "Session is closed");
      if (status === "REVOKED") throw new MockError(401, "REVOKED_SESSION", "Session is revoked");
      return { session, account };
    }
    throw new MockError(404, "ACCOUNT_DOES_NOT_EXIST", "Account does not exist");
  }

  function countCall(account: MockAccount, endpoint: string) {
    if (options.unattendedCallsPerDay === undefined) return;
    const day = now().toISOString().slice(0, 10);
    const key = `${account.iban}|${endpoint}|${day}`;
    const used = usage.get(key) ?? 0;
    if (used >= options.unattendedCallsPerDay) {
      const midnight = new Date(`${day}T00:00:00Z`).getTime() + 86_400_000;
      const retryAfter = String(Math.ceil((midnight - now().getTime()) / 1000));
      throw new MockError(429, "ASPSP_RATE_LIMIT_EXCEEDED", "ASPSP rate limit exceeded", { "retry-after": retryAfter });
    }
    usage.set(key, used + 1);
  }

  function accountResource(uid: string | null, account: MockAccount) {
    const hash = identificationHash(account.iban);
    return {
      uid,
      account_id: { iban: account.iban },
      all_account_ids: [{ identification: account.iban, scheme_name: "IBAN" }],
      name: "Holder Name",
      details: account.details,
      cash_account_type: account.cash_account_type,
      currency: account.currency,
      identification_hash: hash,
      identification_hashes: [hash],
    };
  }

  function transactionsPage(uid: string, bank: MockBank, account: MockAccount, query: URLSearchParams) {
    const dateFrom = query.get("date_from");
    const dateTo = query.get("date_to");
    if (dateTo && !dateFrom) throw new MockError(422, "DATE_TO_WITHOUT_DATE_FROM", "date_to without date_from");
    const today = now().toISOString().slice(0, 10);
    if (dateFrom && dateFrom > today) throw new MockError(422, "DATE_FROM_IN_FUTURE", "date_from is in the future");
    if (dateFrom && dateTo && dateFrom > dateTo) throw new MockError(422, "WRONG_DATE_INTERVAL", "date_from is after date_to");
    const oldestServed = bank.historyDays === undefined ? null : new Date(now().getTime() - bank.historyDays * 86_400_000).toISOString().slice(0, 10);
    if (dateFrom && oldestServed && dateFrom < oldestServed) {
      throw new MockError(422, "WRONG_TRANSACTIONS_PERIOD", `The ASPSP provides transactions for the last ${bank.historyDays} days only`);
    }
    const status = query.get("transaction_status");
    const matching = account.transactions.filter((t) => {
      const date = t.booking_date ?? t.transaction_date ?? t.value_date ?? today;
      return (!dateFrom || date >= dateFrom) && (!dateTo || date <= dateTo) && (!status || t.status === status);
    });
    let offset = 0;
    const key = query.get("continuation_key");
    if (key) {
      try {
        const parsed = decodeSegment(key);
        if (parsed.uid !== uid || parsed.from !== dateFrom || parsed.to !== dateTo || typeof parsed.offset !== "number") throw new Error("other query");
        offset = parsed.offset;
      } catch {
        throw new MockError(422, "WRONG_CONTINUATION_KEY", "Wrong continuation key");
      }
    }
    const page = matching.slice(offset, offset + pageSize);
    const next = offset + pageSize < matching.length
      ? Buffer.from(JSON.stringify({ uid, from: dateFrom, to: dateTo, offset: offset + pageSize })).toString("base64url")
      : null;
    return { transactions: page, continuation_key: next };
  }

  async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
      if (value && typeof value === "object") return value as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw new MockError(422, "WRONG_REQUEST_PARAMETERS", "Request body must be a JSON object");
  }

  async function route(request: IncomingMessage, url: URL): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const method = request.method ?? "GET";
    const path = url.pathname;

    // The hosted consent page (the bank's UI in real life): not part of the API, no JWT.
    const consent = /^\/mock-aspsp\/consent\/([^/]+)$/.exec(path);
    if (consent && method === "GET") {
      const authorization = authorizations.get(consent[1]!);
      if (!authorization) return { status: 404, body: { message: "Unknown authorization" } };
      const target = new URL(authorization.redirectUrl);
      target.searchParams.set("state", authorization.state);
      if (url.searchParams.get("deny") === "1") {
        target.searchParams.set("error", "access_denied");
        target.searchParams.set("error_description", "The user refused to share account information");
      } else {
        authorization.code = randomUUID();
        codes.set(authorization.code, consent[1]!);
        target.searchParams.set("code", authorization.code);
      }
      return { status: 302, body: null, headers: { location: target.href } };
    }

    checkJwt(request);

    if (method === "GET" && path === "/aspsps") {
      const country = url.searchParams.get("country");
      const aspsps = options.banks
        .filter((b) => !country || b.country === country)
        .map((bank) => ({
          name: bank.name, country: bank.country, bic: bank.bic, logo: bank.logo, psu_types: bank.psu_types,
          maximum_consent_validity: bank.maximum_consent_validity, beta: bank.beta, auth_methods: [], required_psu_headers: [],
        }));
      return { status: 200, body: { aspsps } };
    }

    if (method === "POST" && path === "/auth") {
      const body = await readJson(request);
      const aspsp = (body.aspsp ?? {}) as Record<string, unknown>;
      const bank = findBank(aspsp.name, aspsp.country);
      const access = (body.access ?? {}) as Record<string, unknown>;
      const validUntil = typeof access.valid_until === "string" ? access.valid_until : "";
      if (!/(Z|[+-]\d{2}:\d{2})$/.test(validUntil) || Number.isNaN(Date.parse(validUntil))) {
        throw new MockError(422, "WRONG_REQUEST_PARAMETERS", "access.valid_until must be an RFC3339 date-time with a timezone");
      }
      const until = Date.parse(validUntil);
      if (until <= now().getTime() || until > now().getTime() + bank.maximum_consent_validity * 1000 + 60_000) {
        throw new MockError(422, "WRONG_REQUEST_PARAMETERS", "access.valid_until exceeds the ASPSP's maximum consent validity");
      }
      if (typeof body.state !== "string" || !body.state) throw new MockError(422, "WRONG_REQUEST_PARAMETERS", "state is required");
      const redirectUrl = typeof body.redirect_url === "string" ? body.redirect_url : "";
      if (!URL.canParse(redirectUrl)) throw new MockError(422, "WRONG_REQUEST_PARAMETERS", "redirect_url must be a URL");
      if (options.redirectUrls && !options.redirectUrls.includes(redirectUrl)) {
        throw new MockError(400, "REDIRECT_URI_NOT_ALLOWED", "Redirect URI not allowed");
      }
      const psuType = body.psu_type === undefined ? "personal" : body.psu_type;
      if (typeof psuType !== "string" || !bank.psu_types.includes(psuType)) {
        throw new MockError(422, "WRONG_REQUEST_PARAMETERS", "psu_type is not supported by the ASPSP");
      }
      const id = randomUUID();
      authorizations.set(id, { bank, state: body.state, redirectUrl, validUntil: new Date(until).toISOString(), psuType, code: null, used: false });
      return { status: 200, body: { url: `${baseUrl}/mock-aspsp/consent/${id}`, authorization_id: id, psu_id_hash: randomUUID() } };
    }

    if (method === "POST" && path === "/sessions") {
      const body = await readJson(request);
      const authorizationId = typeof body.code === "string" ? codes.get(body.code) : undefined;
      const authorization = authorizationId ? authorizations.get(authorizationId) : undefined;
      if (!authorization) throw new MockError(400, "WRONG_AUTHORIZATION_CODE", "Wrong authorization code");
      if (authorization.used) throw new MockError(400, "ALREADY_AUTHORIZED", "Session is already authorized");
      authorization.used = true;
      // Every session gets new account uids: they are valid only within it.
      const accounts = new Map(authorization.bank.accounts.map((account) => [randomUUID(), account]));
      const session: Session = {
        id: randomUUID(), bank: authorization.bank, psuType: authorization.psuType, validUntil: authorization.validUntil,
        created: now().toISOString(), status: "AUTHORIZED", accounts,
      };
      sessions.set(session.id, session);
      return {
        status: 200,
        body: {
          session_id: session.id,
          accounts: [...accounts].map(([uid, account]) => accountResource(uid, account)),
          aspsp: { name: session.bank.name, country: session.bank.country },
          psu_type: session.psuType,
          access: { valid_until: session.validUntil },
        },
      };
    }

    const sessionPath = /^\/sessions\/([^/]+)$/.exec(path);
    if (sessionPath && method === "GET") {
      const session = sessionFor(sessionPath[1]!);
      return {
        status: 200,
        body: {
          status: statusOf(session),
          accounts: [...session.accounts.keys()],
          accounts_data: [...session.accounts].map(([uid, account]) => {
            const hash = identificationHash(account.iban);
            return { uid, identification_hash: hash, identification_hashes: [hash] };
          }),
          aspsp: { name: session.bank.name, country: session.bank.country },
          psu_type: session.psuType,
          psu_id_hash: "hash",
          access: { valid_until: session.validUntil },
          created: session.created,
          authorized: session.created,
        },
      };
    }
    if (sessionPath && method === "DELETE") {
      const session = sessionFor(sessionPath[1]!);
      session.status = "CLOSED";
      return { status: 200, body: { message: "OK" } };
    }

    const accountPath = /^\/accounts\/([^/]+)\/(details|balances|transactions)$/.exec(path);
    if (accountPath && method === "GET") {
      const uid = accountPath[1]!;
      const { session, account } = accountFor(uid);
      const endpoint = accountPath[2]!;
      // A later page of the same query (continuation_key) is not another access to the bank.
      if (!url.searchParams.get("continuation_key")) countCall(account, endpoint);
      if (endpoint === "details") return { status: 200, body: accountResource(uid, account) };
      if (endpoint === "balances") {
        return {
          status: 200,
          body: {
            balances: account.balances.map((b) => ({
              name: b.balance_type, balance_type: b.balance_type, balance_amount: { currency: account.currency, amount: b.amount },
              reference_date: b.reference_date ?? null,
            })),
          },
        };
      }
      return { status: 200, body: transactionsPage(uid, session.bank, account, url.searchParams) };
    }

    throw new MockError(404, "NOT_FOUND", `No route for ${method} ${path}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", baseUrl);
    const index = faults.findIndex((f) => f.path.test(url.pathname) && !url.pathname.startsWith("/mock-aspsp/"));
    const fault = index === -1 ? null : faults.splice(index, 1)[0]!.fault;
    let status = 500;
    try {
      if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (fault?.kind === "error") {
        throw new MockError(fault.status, fault.error, `Injected ${fault.error}`, fault.retryAfter ? { "retry-after": fault.retryAfter } : {});
      }
      const result = await route(request, url);
      status = result.status;
      if (fault?.kind === "malformed") {
        response.writeHead(200, { "content-type": "application/json" }).end('{"transactions": [{"entry_reference": "1", ');
        return;
      }
      if (fault?.kind === "wrong_shape") {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ unexpected: true }));
        return;
      }
      response.writeHead(result.status, { "content-type": "application/json", ...result.headers });
      response.end(result.body === null ? "" : JSON.stringify(result.body));
    } catch (error) {
      const failure = error instanceof MockError ? error : new MockError(500, "INTERNAL_ERROR", "Internal error");
      status = failure.status;
      if (!response.headersSent) {
        response.writeHead(failure.status, { "content-type": "application/json", ...failure.headers });
        response.end(JSON.stringify({ message: failure.message, code: failure.status, error: failure.error, detail: null }));
      }
    } finally {
      requests.push({ method: request.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), status });
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Follows the hosted consent page like a browser and returns our callback URL. */
  async function followConsent(consentUrl: string, decision: "approve" | "deny" = "approve"): Promise<URL> {
    const url = new URL(consentUrl);
    if (decision === "deny") url.searchParams.set("deny", "1");
    const response = await fetch(url, { redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status !== 302 || !location) throw new Error(`Consent page answered ${response.status}`);
    return new URL(location);
  }

  return {
    baseUrl,
    requests,
    followConsent,
    /** Queues a failure for the next request whose path matches. */
    failNext(path: RegExp, failure: { status: number; error: string; retryAfter?: string }) {
      faults.push({ path, fault: { kind: "error", ...failure } });
    },
    /** The next matching request gets a 200 with a cut-off JSON body (or, with "wrong_shape", valid JSON of another shape). */
    malformNext(path: RegExp, kind: "malformed" | "wrong_shape" = "malformed") {
      faults.push({ path, fault: { kind } });
    },
    delayNext(path: RegExp, ms: number) {
      faults.push({ path, fault: { kind: "delay", ms } });
    },
    /** The user revoked the consent in their bank. */
    revokeSession(sessionId: string) {
      sessionFor(sessionId).status = "REVOKED";
    },
    sessionStatus(sessionId: string): string {
      return statusOf(sessionFor(sessionId));
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export type EnableBankingMock = Awaited<ReturnType<typeof serveEnableBankingMock>>;
