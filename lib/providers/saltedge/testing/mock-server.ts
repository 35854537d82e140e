/**
 * Contract mock of Salt Edge's Account Information API v6 for tests (see ./README.md for
 * the pages it follows): node:http on a local port (random unless `port` is given). Every request must carry the App-id
 * and Secret, and a Signature over "Expires-at|METHOD|URL|body" that verifies with the
 * app's public key. The Salt Edge Connect page is a 302 back to `return_to` (with
 * `connection_id`), as the widget does once the user is done. The mock signs its
 * callbacks with its own key pair. Money goes out as JSON numbers, as Salt Edge sends it.
 */
import { generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface MockTransaction {
  id: string;
  made_on: string;
  /** Decimal text, sent as a JSON number with exactly these digits. */
  amount: string;
  currency_code: string;
  description: string;
  status: "posted" | "pending";
  extra?: Record<string, string>;
}

export interface MockAccount {
  id: string;
  name: string;
  nature: string;
  iban: string | null;
  account_number?: string;
  currency_code: string;
  balance: string;
  transactions: MockTransaction[];
}

export interface MockBank {
  code: string;
  name: string;
  country_code: string;
  bic_codes: string[];
  logo_url: string;
  status: "active" | "inactive" | "disabled";
  /** Asks an SMS code at every refresh (interactive field "sms"). */
  interactive: boolean;
  /** The bank's own words above the SMS field, passed on as `interactive_html`; null: it writes none. Unset: an English SMS prompt. */
  interactiveHtml?: string | null;
  automatic_fetch: boolean;
  max_fetch_interval: number;
  accounts: MockAccount[];
}

interface Attempt {
  id: string;
  finished: boolean;
  interactive: boolean;
  last_stage: { name: string; interactive_fields_names?: string[]; interactive_html?: string | null };
  fail_error_class: string | null;
  fail_message: string | null;
  /** Polls left before an unfinished, non-interactive attempt finishes. */
  pollsLeft: number;
}

interface Connection {
  id: string;
  customerId: string;
  bank: MockBank;
  login: string;
  status: "active" | "inactive" | "disabled";
  consentId: string;
  consentExpiresAt: string;
  nextRefreshPossibleAt: string | null;
  attempt: Attempt;
  removed: boolean;
}

interface ConnectSession {
  customerId: string;
  bank: MockBank;
  returnTo: string;
  returnConnectionId: boolean;
  reconnects: string | null;
  expiresAt: number;
}

type Fault = { kind: "error"; status: number; errorClass: string } | { kind: "malformed" } | { kind: "wrong_shape" } | { kind: "delay"; ms: number };

export interface SaltEdgeMockOptions {
  appId: string;
  secret: string;
  /** The app's public key: every request's Signature must verify with it. */
  appPublicKey: KeyObject;
  banks: MockBank[];
  now?: () => Date;
  /** Items per page before meta.next_id is set. */
  pageSize?: number;
  /** Minutes between two refreshes of a connection (next_refresh_possible_at). */
  refreshIntervalMinutes?: number;
  /** GETs of the connection before a background refresh finishes. */
  pollsPerRefresh?: number;
  /** The SMS code the interactive bank accepts. */
  smsCode?: string;
  consentDays?: number;
  /** A fixed port (an app server started beforehand must know the URL); random when unset. */
  port?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

class MockError extends Error {
  constructor(
    readonly status: number,
    readonly errorClass: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends Salt Edge's JSON: money fields as raw JSON numbers with the fixture's exact digits. */
class RawNumber {
  constructor(readonly literal: string) {}
}
function serialize(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (item instanceof RawNumber ? `\u0000RAW:${item.literal}\u0000` : item)).replace(
    /"\\u0000RAW:([-+0-9.eE]+)\\u0000"/g,
    "$1",
  );
}

export async function serveSaltEdgeMock(options: SaltEdgeMockOptions) {
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 100;
  const refreshMs = (options.refreshIntervalMinutes ?? 60) * 60_000;
  const smsCode = options.smsCode ?? "123456";
  const callbackKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const customers = new Map<string, string>();
  const sessions = new Map<string, ConnectSession>();
  const connections = new Map<string, Connection>();
  const faults: { path: RegExp; fault: Fault; once: boolean }[] = [];
  const requests: RecordedRequest[] = [];
  let sequence = 1000;
  const nextId = () => String(++sequence);
  let origin = "";

  function checkSignature(request: IncomingMessage, body: string) {
    if (request.headers["app-id"] !== options.appId || request.headers.secret !== options.secret) {
      throw new MockError(401, "ClientNotFound", "App-id and Secret do not match an application");
    }
    const expiresAt = Number(request.headers["expires-at"]);
    const signature = String(request.headers.signature ?? "");
    if (!Number.isInteger(expiresAt) || !signature) throw new MockError(400, "SignatureMissing", "Expires-at and Signature are required");
    const seconds = now().getTime() / 1000;
    if (expiresAt <= seconds || expiresAt > seconds + 3600) throw new MockError(400, "ExpiresAtInvalid", "Expires-at must be within the next hour");
    const payload = `${expiresAt}|${request.method}|${origin}${request.url}|${body}`;
    if (!verify("RSA-SHA256", Buffer.from(payload), options.appPublicKey, Buffer.from(signature, "base64"))) {
      throw new MockError(401, "InvalidSignature", "The request signature does not match");
    }
  }

  function page<T extends { id: string }>(items: T[], query: URLSearchParams, render: (item: T) => unknown) {
    const sorted = [...items].sort((a, b) => Number(a.id) - Number(b.id));
    const from = query.get("from_id");
    const start = from ? sorted.findIndex((item) => Number(item.id) >= Number(from)) : 0;
    const slice = start < 0 ? [] : sorted.slice(start, start + pageSize);
    const next = start < 0 ? undefined : sorted[start + pageSize];
    return { data: slice.map(render), meta: { next_id: next?.id ?? null, next_page: next ? `/api/v6?from_id=${next.id}` : null } };
  }

  function bankByCode(code: unknown): MockBank {
    const bank = options.banks.find((b) => b.code === code);
    if (!bank) throw new MockError(404, "ProviderNotFound", `Provider ${String(code)} not found`);
    if (bank.status !== "active") throw new MockError(400, "ProviderInactive", "The provider is not active");
    return bank;
  }

  function connectionOf(id: string | undefined): Connection {
    const connection = id ? connections.get(id) : undefined;
    if (!connection || connection.removed) throw new MockError(404, "ConnectionNotFound", `Connection ${id} not found`);
    return connection;
  }

  function renderAttempt(attempt: Attempt) {
    return {
      id: attempt.id, finished: attempt.finished, interactive: attempt.interactive, last_stage: attempt.last_stage,
      fail_error_class: attempt.fail_error_class, fail_message: attempt.fail_message,
    };
  }

  function renderConnection(c: Connection) {
    return {
      id: c.id, customer_id: c.customerId, provider_code: c.bank.code, provider_name: c.bank.name, country_code: c.bank.country_code,
      status: c.status, last_consent_id: c.consentId, next_refresh_possible_at: c.nextRefreshPossibleAt, automatic_refresh: c.bank.automatic_fetch,
      last_attempt: renderAttempt(c.attempt),
    };
  }

  function renderAccount(connection: Connection, a: MockAccount) {
    return {
      id: a.id, connection_id: connection.id, name: a.name, nature: a.nature, balance: new RawNumber(a.balance), currency_code: a.currency_code,
      updated_at: now().toISOString(), extra: { iban: a.iban, account_number: a.account_number ?? null },
    };
  }

  function finishedAttempt(failure: { errorClass: string; message: string } | null = null): Attempt {
    return {
      id: nextId(), finished: true, interactive: false, last_stage: { name: failure ? "finish" : "finish" },
      fail_error_class: failure?.errorClass ?? null, fail_message: failure?.message ?? null, pollsLeft: 0,
    };
  }

  function completeConsent(token: string, login: string, deny: boolean): URL {
    const session = sessions.get(token);
    if (!session || session.expiresAt < now().getTime()) throw new MockError(400, "ConnectSessionExpired", "The connect session expired");
    sessions.delete(token);
    const back = new URL(session.returnTo);
    if (deny) {
      back.searchParams.set("error_class", "ConsentRejected");
      back.searchParams.set("error_message", "The user refused access");
      return back;
    }
    const consentExpiresAt = new Date(now().getTime() + (options.consentDays ?? 90) * 86_400_000).toISOString();
    // Connecting fetches the bank's data at once, which counts as a refresh: the next one
    // waits out the refresh interval, while the fetched data can be read straight away.
    const nextRefreshPossibleAt = new Date(now().getTime() + refreshMs).toISOString();
    let connection: Connection;
    if (session.reconnects) {
      connection = connectionOf(session.reconnects);
      Object.assign(connection, { status: "active", consentId: nextId(), consentExpiresAt, nextRefreshPossibleAt, attempt: finishedAttempt(), login });
    } else {
      const duplicate = [...connections.values()].find((c) => !c.removed && c.customerId === session.customerId && c.bank === session.bank && c.login === login);
      connection = {
        id: nextId(), customerId: session.customerId, bank: session.bank, login, status: duplicate ? "inactive" : "active",
        consentId: nextId(), consentExpiresAt, nextRefreshPossibleAt: duplicate ? null : nextRefreshPossibleAt, removed: false,
        attempt: finishedAttempt(duplicate ? { errorClass: "DuplicatedConnection", message: "This connection already exists for this customer." } : null),
      };
      connections.set(connection.id, connection);
    }
    if (session.returnConnectionId) back.searchParams.set("connection_id", connection.id);
    return back;
  }

  function startRefresh(connection: Connection) {
    const at = now();
    if (connection.nextRefreshPossibleAt && new Date(connection.nextRefreshPossibleAt) > at) {
      throw new MockError(409, "ConnectionCannotBeRefreshed", `Next refresh possible at ${connection.nextRefreshPossibleAt}`);
    }
    connection.nextRefreshPossibleAt = new Date(at.getTime() + refreshMs).toISOString();
    connection.attempt = connection.bank.interactive
      ? {
          id: nextId(), finished: false, interactive: true, fail_error_class: null, fail_message: null, pollsLeft: 0,
          last_stage: { name: "interactive", interactive_fields_names: ["sms"], interactive_html: connection.bank.interactiveHtml === undefined ? "<div>Enter the <b>SMS code</b> sent to +44 ***12</div>" : connection.bank.interactiveHtml },
        }
      : { id: nextId(), finished: false, interactive: false, last_stage: { name: "fetch_accounts" }, fail_error_class: null, fail_message: null, pollsLeft: options.pollsPerRefresh ?? 1 };
  }

  async function route(method: string, url: URL, body: string): Promise<{ status: number; json?: unknown; redirect?: string }> {
    const path = url.pathname;
    if (method === "GET" && path === "/connect") {
      const target = completeConsent(url.searchParams.get("token") ?? "", url.searchParams.get("login") ?? "demo", url.searchParams.get("deny") === "1");
      return { status: 302, redirect: target.toString() };
    }
    if (!path.startsWith("/api/v6/")) throw new MockError(404, "RouteNotFound", path);
    const rest = path.slice("/api/v6".length);
    const input = body ? (JSON.parse(body) as { data?: Record<string, unknown> }).data ?? {} : {};
    let match: RegExpExecArray | null;

    if (method === "GET" && rest === "/providers") {
      const banks = options.banks.map((b, index) => ({ ...b, id: String(index + 1) }));
      return {
        status: 200,
        json: page(banks, url.searchParams, (bank) => ({
          id: bank.id, code: bank.code, name: bank.name, country_code: bank.country_code, bic_codes: bank.bic_codes, logo_url: bank.logo_url,
          status: bank.status, interactive: bank.interactive, automatic_fetch: bank.automatic_fetch, max_fetch_interval: bank.max_fetch_interval,
          mode: "api", max_consent_days: 90, supported_account_types: ["personal", "business"],
        })),
      };
    }
    if (method === "POST" && rest === "/customers") {
      const identifier = String(input.identifier ?? "");
      if (!identifier) throw new MockError(400, "WrongRequestFormat", "identifier is required");
      if ([...customers.values()].includes(identifier)) throw new MockError(409, "DuplicatedCustomer", "Customer with such identifier already exists");
      const id = nextId();
      customers.set(id, identifier);
      return { status: 200, json: { data: { customer_id: id, identifier, created_at: now().toISOString() } } };
    }
    if (method === "GET" && rest === "/customers") {
      return { status: 200, json: page([...customers].map(([id, identifier]) => ({ id, identifier })), url.searchParams, (c) => ({ customer_id: c.id, identifier: c.identifier })) };
    }
    const sessionAnswer = (session: ConnectSession) => {
      const token = randomUUID();
      sessions.set(token, session);
      return { status: 200, json: { data: { connect_url: `${origin}/connect?token=${token}`, expires_at: new Date(session.expiresAt).toISOString(), customer_id: session.customerId } } };
    };
    const attemptOf = () => {
      const attempt = (input.attempt ?? {}) as { return_to?: unknown };
      if (typeof attempt.return_to !== "string") throw new MockError(400, "WrongRequestFormat", "attempt.return_to is required");
      return attempt.return_to;
    };
    if (method === "POST" && rest === "/connections/connect") {
      const customerId = String(input.customer_id ?? "");
      if (!customers.has(customerId)) throw new MockError(404, "CustomerNotFound", "Customer not found");
      return sessionAnswer({
        customerId, bank: bankByCode(input.provider_code), returnTo: attemptOf(), returnConnectionId: input.return_connection_id === true, reconnects: null,
        expiresAt: now().getTime() + 60 * 60_000,
      });
    }
    if (method === "POST" && (match = /^\/connections\/([^/]+)\/(reconnect|refresh)$/.exec(rest))) {
      const connection = connectionOf(match[1]);
      return sessionAnswer({
        customerId: connection.customerId, bank: connection.bank, returnTo: attemptOf(), returnConnectionId: input.return_connection_id === true,
        reconnects: connection.id, expiresAt: now().getTime() + 60 * 60_000,
      });
    }
    if (method === "POST" && (match = /^\/connections\/([^/]+)\/background_refresh$/.exec(rest))) {
      const connection = connectionOf(match[1]);
      if (connection.status !== "active") throw new MockError(400, "ConnectionInactive", "Reconnect the connection first");
      startRefresh(connection);
      return { status: 200, json: { data: renderConnection(connection) } };
    }
    if (method === "PUT" && (match = /^\/connections\/([^/]+)\/interactive$/.exec(rest))) {
      const connection = connectionOf(match[1]);
      if (connection.attempt.finished || connection.attempt.last_stage.name !== "interactive") throw new MockError(400, "ConnectionNotInteractive", "The connection does not wait for input");
      const credentials = (input.credentials ?? {}) as Record<string, unknown>;
      if (credentials.sms !== smsCode) throw new MockError(406, "InvalidInteractiveCredentials", "The SMS code is wrong");
      connection.attempt = finishedAttempt();
      return { status: 200, json: { data: renderConnection(connection) } };
    }
    if ((match = /^\/connections\/([^/]+)$/.exec(rest))) {
      const connection = connectionOf(match[1]);
      if (method === "DELETE") {
        connection.removed = true;
        return { status: 200, json: { data: { id: connection.id, removed: true } } };
      }
      if (method === "GET") {
        if (!connection.attempt.finished && !connection.attempt.interactive && connection.attempt.pollsLeft-- <= 0) connection.attempt = finishedAttempt();
        return { status: 200, json: { data: renderConnection(connection) } };
      }
    }
    if (method === "GET" && rest === "/consents") {
      const connection = connectionOf(url.searchParams.get("connection_id") ?? undefined);
      return { status: 200, json: { data: [{ id: connection.consentId, connection_id: connection.id, status: "active", expires_at: connection.consentExpiresAt }], meta: { next_id: null } } };
    }
    if (method === "GET" && rest === "/accounts") {
      const connection = connectionOf(url.searchParams.get("connection_id") ?? undefined);
      return { status: 200, json: page(connection.bank.accounts, url.searchParams, (a) => renderAccount(connection, a)) };
    }
    if (method === "GET" && rest === "/transactions") {
      const connection = connectionOf(url.searchParams.get("connection_id") ?? undefined);
      const account = connection.bank.accounts.find((a) => a.id === url.searchParams.get("account_id"));
      if (!account) throw new MockError(404, "AccountNotFound", "Account not found");
      const wanted = url.searchParams.get("pending") === "true" ? "pending" : "posted";
      return {
        status: 200,
        json: page(account.transactions.filter((t) => t.status === wanted), url.searchParams, (t) => ({
          ...t, amount: new RawNumber(t.amount), account_id: account.id, duplicated: false, mode: "normal", extra: t.extra ?? {},
        })),
      };
    }
    throw new MockError(404, "RouteNotFound", `${method} ${path}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", origin);
    const record: RecordedRequest = { method: request.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0 };
    requests.push(record);
    const send = (status: number, text: string, headers: Record<string, string> = { "content-type": "application/json" }) => {
      record.status = status;
      response.writeHead(status, headers).end(text);
    };
    try {
      if (url.pathname.startsWith("/api/v6/")) {
        checkSignature(request, body);
        const fault = faults.find((f) => f.path.test(url.pathname));
        if (fault) {
          if (fault.once) faults.splice(faults.indexOf(fault), 1);
          if (fault.fault.kind === "delay") await new Promise((resolve) => setTimeout(resolve, (fault.fault as { ms: number }).ms));
          else if (fault.fault.kind === "malformed") return send(200, '{"data": [');
          else if (fault.fault.kind === "wrong_shape") return send(200, serialize({ data: { unexpected: true } }));
          else throw new MockError(fault.fault.status, fault.fault.errorClass, "Injected failure");
        }
      }
      const result = await route(record.method, url, body);
      if (result.redirect) return send(result.status, "", { location: result.redirect });
      send(result.status, serialize(result.json));
    } catch (error) {
      if (error instanceof MockError) return send(error.status, serialize({ error: { class: error.errorClass, message: error.message }, request: { method: record.method, url: url.toString() } }));
      send(500, serialize({ error: { class: "InternalServerError", message: String(error) } }));
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}/api/v6`,
    requests,
    /** Salt Edge's callback key (PEM), as the app's SALTEDGE_PUBLIC_KEY. */
    callbackPublicKeyPem: callbackKeys.publicKey.export({ type: "spki", format: "pem" }).toString(),
    /** Follows a connect_url as the user's browser would; `login` tells two bank logins apart. */
    async followConnect(connectUrl: string, user: { login?: string; deny?: boolean } = {}): Promise<URL> {
      const url = new URL(connectUrl);
      if (user.login) url.searchParams.set("login", user.login);
      if (user.deny) url.searchParams.set("deny", "1");
      const response = await fetch(url, { redirect: "manual" });
      const location = response.headers.get("location");
      if (response.status !== 302 || !location) throw new Error(`The connect page answered ${response.status}: ${await response.text()}`);
      return new URL(location);
    },
    /** A callback as Salt Edge would POST it to `callbackUrl`: the body and its Signature header. */
    signedCallback(callbackUrl: string, data: Record<string, unknown>, time = now()): { body: string; headers: Headers } {
      const body = JSON.stringify({ data, meta: { version: "6", time: time.toISOString() } });
      const signature = sign("RSA-SHA256", Buffer.from(`${callbackUrl}|${body}`), callbackKeys.privateKey).toString("base64");
      return { body, headers: new Headers({ "content-type": "application/json", signature }) };
    },
    /** Fails (or slows, or garbles) the requests whose path matches, every time or once. */
    inject(path: RegExp, fault: Fault, once = false) {
      faults.push({ path, fault, once });
    },
    clearFaults() {
      faults.length = 0;
    },
    addTransaction(accountId: string, transaction: MockTransaction) {
      const account = options.banks.flatMap((b) => b.accounts).find((a) => a.id === accountId);
      if (!account) throw new Error(`No account ${accountId}`);
      account.transactions.push(transaction);
    },
    /** What the bank writes above the SMS field from the next refresh on (null: nothing, as some banks do). */
    setInteractiveHtml(bankCode: string, html: string | null) {
      const bank = options.banks.find((b) => b.code === bankCode);
      if (!bank) throw new Error(`No bank ${bankCode}`);
      bank.interactiveHtml = html;
    },
    /** Ends the consent at the bank: the next refresh fails until a reconnect. */
    expireConsent(connectionId: string) {
      const connection = connectionOf(connectionId);
      connection.status = "inactive";
      connection.attempt = finishedAttempt({ errorClass: "ConsentExpired", message: "The consent has expired" });
    },
    connection(connectionId: string) {
      return connections.get(connectionId);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export type SaltEdgeMock = Awaited<ReturnType<typeof serveSaltEdgeMock>>;
