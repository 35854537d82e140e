/**
 * Contract mock of the Plaid API for tests (see ./README.md for the pages it follows):
 * node:http on a random port. Every API call is a JSON POST whose body must carry the
 * app's client_id and secret. Plaid Link, a browser widget in real life, has a non-JS
 * stand-in here: a GET that redirects to our callback the way our Link page does. Test
 * controls change an Item's transactions (new, pending that posts, removed), break its
 * login, inject Plaid's errors, malformed and slow answers, and sign webhooks with the ES256
 * key served at /webhook_verification_key/get.
 */
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface MockTransaction {
  transaction_id: string;
  account_id: string;
  /** Plaid's sign: positive is money out. Sent as a JSON number. */
  amount: number;
  iso_currency_code: string;
  date: string;
  authorized_date?: string | null;
  name: string;
  merchant_name?: string | null;
  pending: boolean;
  pending_transaction_id?: string | null;
  payment_meta?: { reference_number: string | null; payee: string | null; payer: string | null };
}

export interface MockAccount {
  account_id: string;
  name: string;
  official_name: string | null;
  mask: string;
  type: string;
  subtype: string;
  balances: { available: number | null; current: number | null; iso_currency_code: string };
}

export interface MockInstitution {
  institution_id: string;
  name: string;
  country_codes: string[];
  products: string[];
  logo: string | null;
  status: "HEALTHY" | "DEGRADED" | "DOWN";
  /** What a user of this institution links: accounts (ids are made per Item) and their transactions. */
  accounts: Omit<MockAccount, "account_id">[];
  /** Transactions by index into `accounts`; ids are made per Item. */
  transactions: (Omit<MockTransaction, "transaction_id" | "account_id"> & { account: number })[];
}

type ChangeKind = "added" | "modified" | "removed";
interface Change {
  seq: number;
  kind: ChangeKind;
  transaction: MockTransaction;
}

interface Item {
  id: string;
  accessToken: string;
  institution: MockInstitution;
  accounts: MockAccount[];
  webhook: string | null;
  loginRequired: boolean;
  removed: boolean;
  ready: boolean;
  changes: Change[];
}

interface LinkToken {
  mode: "new" | "update";
  itemId: string | null;
  webhook: string | null;
  clientUserId: string;
  daysRequested: number | null;
  used: boolean;
}

type Fault =
  | { kind: "error"; status: number; errorType: string; errorCode: string }
  | { kind: "malformed" }
  | { kind: "wrong_shape" }
  | { kind: "delay"; ms: number };

export interface PlaidMockOptions {
  clientId: string;
  secret: string;
  institutions: MockInstitution[];
  now?: () => Date;
  /** Largest page /transactions/sync returns, whatever `count` asks (to exercise has_more). */
  maxSyncPage?: number;
  /** A fixed port (an app server started beforehand must know the URL); random when unset. */
  port?: number;
}

export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
  status: number;
}

class PlaidMockError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (code: string, message: string) => new PlaidMockError(400, "INVALID_REQUEST", code, message);

function encodeCursor(value: { item: string; account: string | null; seq: number }): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export async function servePlaidMock(options: PlaidMockOptions) {
  const now = options.now ?? (() => new Date());
  const maxSyncPage = options.maxSyncPage ?? 500;
  const items = new Map<string, Item>();
  const byToken = new Map<string, Item>();
  const linkTokens = new Map<string, LinkToken>();
  const publicTokens = new Map<string, { itemId: string; used: boolean }>();
  const faults: { path: string; fault: Fault }[] = [];
  const requests: RecordedRequest[] = [];
  let seq = 0;
  let mutateDuringPagination = false;
  let baseUrl = "";

  // Webhook signing keys: Plaid rotates them under new kids and marks old ones expired.
  const keys = new Map<string, { privateKey: KeyObject; jwk: Record<string, unknown>; expiredAt: number | null }>();
  let currentKid = "";
  function rotateKey(): string {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const kid = randomUUID();
    const exported = publicKey.export({ format: "jwk" });
    keys.set(kid, {
      privateKey,
      jwk: { alg: "ES256", crv: exported.crv, kid, kty: exported.kty, use: "sig", x: exported.x, y: exported.y, created_at: Math.floor(now().getTime() / 1000) },
      expiredAt: null,
    });
    currentKid = kid;
    return kid;
  }
  rotateKey();

  function record(item: Item, kind: ChangeKind, transaction: MockTransaction) {
    item.changes.push({ seq: ++seq, kind, transaction });
  }

  function itemFor(body: Record<string, unknown>): Item {
    const token = body.access_token;
    if (typeof token !== "string" || !token) throw invalid("MISSING_FIELDS", "access_token is required");
    const item = byToken.get(token);
    if (!item) throw new PlaidMockError(400, "INVALID_INPUT", "INVALID_ACCESS_TOKEN", "provided access token is in an invalid format");
    if (item.removed) throw new PlaidMockError(400, "ITEM_ERROR", "ITEM_NOT_FOUND", "the Item you requested cannot be found");
    return item;
  }

  function usableItem(body: Record<string, unknown>): Item {
    const item = itemFor(body);
    if (item.loginRequired) {
      throw new PlaidMockError(400, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED", "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information");
    }
    return item;
  }

  function createItem(institution: MockInstitution, webhook: string | null): Item {
    const id = randomBytes(18).toString("base64url");
    const accounts = institution.accounts.map((account) => ({ ...account, account_id: randomBytes(18).toString("base64url") }));
    const item: Item = {
      id, accessToken: `access-sandbox-${randomUUID()}`, institution, accounts, webhook, loginRequired: false, removed: false, ready: true, changes: [],
    };
    for (const line of institution.transactions) {
      const { account, ...rest } = line;
      record(item, "added", { ...rest, transaction_id: randomBytes(18).toString("base64url"), account_id: accounts[account]!.account_id });
    }
    items.set(id, item);
    byToken.set(item.accessToken, item);
    return item;
  }

  function institutionJson(institution: MockInstitution, withMetadata: boolean, withStatus: boolean) {
    const status = { status: institution.status, last_status_change: "2025-01-01T00:00:00Z", breakdown: { success: 1, error_plaid: 0, error_institution: 0 } };
    return {
      institution_id: institution.institution_id, name: institution.name, products: institution.products,
      country_codes: institution.country_codes, routing_numbers: [], oauth: false, dtc_numbers: [],
      ...(withMetadata ? { url: null, primary_color: "#004a8f", logo: institution.logo } : {}),
      ...(withStatus ? { status: { item_logins: status, transactions_updates: status } } : {}),
    };
  }

  function checkCredentials(body: Record<string, unknown>) {
    if (body.client_id !== options.clientId || body.secret !== options.secret) {
      throw new PlaidMockError(400, "INVALID_INPUT", "INVALID_API_KEYS", "invalid client_id or secret provided");
    }
  }

  function transactionsSync(body: Record<string, unknown>) {
    const item = usableItem(body);
    const count = typeof body.count === "number" ? body.count : 100;
    if (!Number.isInteger(count) || count < 1 || count > 500) throw invalid("INVALID_FIELD", "count must be between 1 and 500");
    const accountId = (body.options as { account_id?: unknown } | undefined)?.account_id;
    if (accountId !== undefined && !item.accounts.some((a) => a.account_id === accountId)) throw invalid("INVALID_ACCOUNT_ID", "account_id is not part of the Item");
    const account = typeof accountId === "string" ? accountId : null;
    let after = 0;
    if (typeof body.cursor === "string" && body.cursor) {
      try {
        const parsed = JSON.parse(Buffer.from(body.cursor, "base64url").toString("utf8")) as { item?: unknown; account?: unknown; seq?: unknown };
        if (parsed.item !== item.id || parsed.account !== account || typeof parsed.seq !== "number") throw new Error("another stream");
        after = parsed.seq;
      } catch {
        throw invalid("INVALID_FIELD", "cursor is not valid for this Item");
      }
      if (mutateDuringPagination) {
        mutateDuringPagination = false;
        throw new PlaidMockError(400, "TRANSACTIONS_ERROR", "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION", "Underlying transaction data changed since last page was fetched. Please restart pagination from last update.");
      }
    }
    const base = { accounts: item.accounts.map(accountJson), request_id: randomUUID() };
    if (!item.ready) {
      return { ...base, added: [], modified: [], removed: [], next_cursor: "", has_more: false, transactions_update_status: "NOT_READY" };
    }
    const pending = item.changes.filter((c) => c.seq > after && (!account || c.transaction.account_id === account));
    const page = pending.slice(0, Math.min(count, maxSyncPage));
    const last = page.at(-1)?.seq ?? Math.max(after, ...item.changes.filter((c) => !account || c.transaction.account_id === account).map((c) => c.seq), 0);
    const of = (kind: ChangeKind) => page.filter((c) => c.kind === kind);
    return {
      ...base,
      added: of("added").map((c) => transactionJson(c.transaction)),
      modified: of("modified").map((c) => transactionJson(c.transaction)),
      removed: of("removed").map((c) => ({ transaction_id: c.transaction.transaction_id, account_id: c.transaction.account_id })),
      next_cursor: encodeCursor({ item: item.id, account, seq: last }),
      has_more: pending.length > page.length,
      transactions_update_status: "HISTORICAL_UPDATE_COMPLETE",
    };
  }

  function accountJson(account: MockAccount) {
    return { ...account, balances: { ...account.balances, limit: null, unofficial_currency_code: null } };
  }

  function transactionJson(t: MockTransaction) {
    return {
      authorized_date: null, merchant_name: null, pending_transaction_id: null, unofficial_currency_code: null, check_number: null,
      payment_meta: { reference_number: null, payee: null, payer: null, by_order_of: null, payment_method: null, payment_processor: null, ppd_id: null, reason: null },
      payment_channel: "other", counterparties: [], location: {}, personal_finance_category: null, transaction_code: null,
      ...t,
    };
  }

  const routes: Record<string, (body: Record<string, unknown>) => unknown> = {
    "/link/token/create": (body) => {
      for (const field of ["client_name", "language"]) if (typeof body[field] !== "string" || !body[field]) throw invalid("MISSING_FIELDS", `${field} is required`);
      if (!Array.isArray(body.country_codes) || body.country_codes.length === 0) throw invalid("MISSING_FIELDS", "country_codes is required");
      const user = body.user as { client_user_id?: unknown } | undefined;
      if (typeof user?.client_user_id !== "string" || !user.client_user_id) throw invalid("MISSING_FIELDS", "user.client_user_id is required");
      let token: LinkToken;
      if (body.access_token !== undefined) {
        const item = itemFor(body);
        if (body.products !== undefined) throw invalid("INVALID_FIELD", "products must be omitted in update mode");
        token = { mode: "update", itemId: item.id, webhook: null, clientUserId: user.client_user_id, daysRequested: null, used: false };
      } else {
        if (!Array.isArray(body.products) || body.products.length === 0) throw invalid("MISSING_FIELDS", "products is required");
        const days = (body.transactions as { days_requested?: unknown } | undefined)?.days_requested;
        if (days !== undefined && (typeof days !== "number" || days < 1 || days > 730)) throw invalid("INVALID_FIELD", "transactions.days_requested must be between 1 and 730");
        token = { mode: "new", itemId: null, webhook: typeof body.webhook === "string" ? body.webhook : null, clientUserId: user.client_user_id, daysRequested: typeof days === "number" ? days : null, used: false };
      }
      const linkToken = `link-sandbox-${randomUUID()}`;
      linkTokens.set(linkToken, token);
      return { link_token: linkToken, expiration: new Date(now().getTime() + 4 * 3600_000).toISOString(), request_id: randomUUID() };
    },
    "/item/public_token/exchange": (body) => {
      const entry = typeof body.public_token === "string" ? publicTokens.get(body.public_token) : undefined;
      if (!entry || entry.used) throw new PlaidMockError(400, "INVALID_INPUT", "INVALID_PUBLIC_TOKEN", "provided public token is expired or has already been used");
      entry.used = true;
      const item = items.get(entry.itemId)!;
      return { access_token: item.accessToken, item_id: item.id, request_id: randomUUID() };
    },
    "/accounts/get": (body) => {
      const item = usableItem(body);
      return {
        accounts: item.accounts.map(accountJson),
        item: {
          item_id: item.id, institution_id: item.institution.institution_id, webhook: item.webhook, error: null,
          available_products: [], billed_products: ["transactions"], consent_expiration_time: null, update_type: "background",
        },
        request_id: randomUUID(),
      };
    },
    "/transactions/sync": transactionsSync,
    "/institutions/get": (body) => {
      const { count, offset, country_codes: countries } = body as { count?: unknown; offset?: unknown; country_codes?: unknown };
      if (typeof count !== "number" || count < 1 || count > 500 || typeof offset !== "number" || offset < 0) throw invalid("INVALID_FIELD", "count must be 1 to 500 and offset at least 0");
      if (!Array.isArray(countries) || countries.length === 0) throw invalid("MISSING_FIELDS", "country_codes is required");
      const opts = (body.options ?? {}) as { products?: string[]; include_optional_metadata?: boolean };
      const matching = options.institutions.filter((i) => i.country_codes.some((c) => countries.includes(c)) && (opts.products ?? []).every((p) => i.products.includes(p)));
      return {
        institutions: matching.slice(offset, offset + count).map((i) => institutionJson(i, opts.include_optional_metadata === true, false)),
        total: matching.length,
        request_id: randomUUID(),
      };
    },
    "/institutions/get_by_id": (body) => {
      const institution = options.institutions.find((i) => i.institution_id === body.institution_id);
      if (!institution) throw new PlaidMockError(400, "INVALID_INPUT", "INVALID_INSTITUTION", "invalid institution_id provided");
      const opts = (body.options ?? {}) as { include_status?: boolean; include_optional_metadata?: boolean };
      return { institution: institutionJson(institution, opts.include_optional_metadata === true, opts.include_status === true), request_id: randomUUID() };
    },
    "/item/remove": (body) => {
      const item = itemFor(body);
      item.removed = true;
      return { request_id: randomUUID() };
    },
    "/webhook_verification_key/get": (body) => {
      const key = typeof body.key_id === "string" ? keys.get(body.key_id) : undefined;
      if (!key) throw new PlaidMockError(400, "INVALID_INPUT", "INVALID_WEBHOOK_VERIFICATION_KEY_ID", "invalid key_id provided");
      return { key: { ...key.jwk, expired_at: key.expiredAt }, request_id: randomUUID() };
    },
  };

  async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw invalid("INVALID_BODY", "body could not be parsed as JSON");
  }

  /** The Link stand-in: what a user finishing (or leaving) Plaid Link leads our Link page to do. */
  function linkStandIn(url: URL): { status: number; headers: Record<string, string> } {
    const token = linkTokens.get(url.searchParams.get("link_token") ?? "");
    const callback = url.searchParams.get("callback");
    if (!token || token.used || !callback || !URL.canParse(callback)) return { status: 400, headers: {} };
    const target = new URL(callback);
    target.searchParams.set("state", url.searchParams.get("state") ?? "");
    target.searchParams.set("mode", url.searchParams.get("mode") ?? token.mode);
    const exitWith = url.searchParams.get("exit");
    if (exitWith) {
      target.searchParams.set("error", exitWith);
      target.searchParams.set("error_message", "The user left Link");
      return { status: 302, headers: { location: target.href } };
    }
    token.used = true;
    let item: Item;
    if (token.mode === "update") {
      item = items.get(token.itemId!)!;
      item.loginRequired = false;
    } else {
      const wanted = url.searchParams.get("institution_id");
      const institution = options.institutions.find((i) => i.institution_id === wanted) ?? options.institutions[0]!;
      item = createItem(institution, token.webhook);
    }
    const publicToken = `public-sandbox-${randomUUID()}`;
    publicTokens.set(publicToken, { itemId: item.id, used: false });
    target.searchParams.set("public_token", publicToken);
    return { status: 302, headers: { location: target.href } };
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", baseUrl);
    if (request.method === "GET" && url.pathname === "/link/stand-in") {
      const result = linkStandIn(url);
      response.writeHead(result.status, result.headers).end();
      return;
    }
    const index = faults.findIndex((f) => f.path === url.pathname);
    const fault = index === -1 ? null : faults.splice(index, 1)[0]!.fault;
    let body: Record<string, unknown> = {};
    let status = 500;
    try {
      if (request.method !== "POST") throw new PlaidMockError(405, "INVALID_REQUEST", "INVALID_HTTP_METHOD", "only POST is allowed");
      body = await readBody(request);
      const route = routes[url.pathname];
      if (!route) throw new PlaidMockError(404, "INVALID_REQUEST", "UNKNOWN_ENDPOINT", `no endpoint ${url.pathname}`);
      checkCredentials(body);
      if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (fault?.kind === "error") throw new PlaidMockError(fault.status, fault.errorType, fault.errorCode, `Injected ${fault.errorCode}`);
      const result = route(body);
      status = 200;
      if (fault?.kind === "malformed") {
        response.writeHead(200, { "content-type": "application/json" }).end('{"added": [{"transaction_id": "1", ');
        return;
      }
      if (fault?.kind === "wrong_shape") {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ unexpected: true }));
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
    } catch (error) {
      const failure = error instanceof PlaidMockError ? error : new PlaidMockError(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "an unexpected error occurred");
      status = failure.status;
      if (!response.headersSent) {
        response.writeHead(failure.status, { "content-type": "application/json" });
        response.end(JSON.stringify({
          error_type: failure.errorType, error_code: failure.errorCode, error_code_reason: null, error_message: failure.message,
          display_message: null, request_id: randomUUID(), causes: [], status: failure.status, documentation_url: "https://plaid.com/docs/errors/", suggested_action: null,
        }));
      }
    } finally {
      const { secret: _secret, ...visible } = body;
      void _secret;
      requests.push({ path: url.pathname, body: visible, status });
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function mustItem(itemId: string): Item {
    const item = items.get(itemId);
    if (!item) throw new Error(`No Item ${itemId}`);
    return item;
  }

  /** Signs a webhook body as Plaid does; `tamper` makes the forgeries the tests need. */
  function signWebhook(rawBody: string, tamper: { iat?: number; bodyHash?: string; kid?: string; foreignKey?: boolean } = {}) {
    const kid = tamper.kid ?? currentKid;
    const header = Buffer.from(JSON.stringify({ alg: "ES256", kid, typ: "JWT" })).toString("base64url");
    const claims = {
      iat: tamper.iat ?? Math.floor(now().getTime() / 1000),
      request_body_sha256: tamper.bodyHash ?? createHash("sha256").update(rawBody, "utf8").digest("hex"),
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
    const key = tamper.foreignKey ? generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey : keys.get(currentKid)!.privateKey;
    const signature = sign("sha256", Buffer.from(`${header}.${payload}`), { key, dsaEncoding: "ieee-p1363" }).toString("base64url");
    return new Headers({ "content-type": "application/json", "plaid-verification": `${header}.${payload}.${signature}` });
  }

  return {
    baseUrl,
    requests,
    /** Plays the user in Plaid Link on the stand-in page (our redirectUrl, pointed at `${baseUrl}/link/stand-in`) and returns our callback URL. */
    async followLink(linkUrl: string, choice: { institutionId?: string; exit?: string } = {}): Promise<URL> {
      const url = new URL(linkUrl);
      if (choice.institutionId) url.searchParams.set("institution_id", choice.institutionId);
      if (choice.exit) url.searchParams.set("exit", choice.exit);
      const response = await fetch(url, { redirect: "manual" });
      const location = response.headers.get("location");
      if (response.status !== 302 || !location) throw new Error(`Link stand-in answered ${response.status}`);
      return new URL(location);
    },
    /** The Item behind an access token, for assertions. */
    item(accessToken: string) {
      const item = byToken.get(accessToken);
      if (!item) throw new Error("Unknown access token");
      return { id: item.id, webhook: item.webhook, removed: item.removed, accountIds: item.accounts.map((a) => a.account_id) };
    },
    /** Plaid lists a new transaction on the Item (an "added" update). */
    addTransaction(itemId: string, accountIndex: number, line: Omit<MockTransaction, "transaction_id" | "account_id">): string {
      const item = mustItem(itemId);
      const id = randomBytes(18).toString("base64url");
      record(item, "added", { ...line, transaction_id: id, account_id: item.accounts[accountIndex]!.account_id });
      return id;
    },
    /** A pending transaction posts: removed under its pending id, added under a new id naming it. */
    postPending(itemId: string, pendingId: string, changes: { date: string; amount?: number }): string {
      const item = mustItem(itemId);
      const pending = item.changes.find((c) => c.transaction.transaction_id === pendingId)?.transaction;
      if (!pending?.pending) throw new Error(`${pendingId} is not a pending transaction`);
      record(item, "removed", pending);
      const id = randomBytes(18).toString("base64url");
      record(item, "added", { ...pending, ...changes, transaction_id: id, pending: false, pending_transaction_id: pendingId });
      return id;
    },
    /** Plaid withdraws a transaction it sent (the bank reversed or deleted it). */
    removeTransaction(itemId: string, transactionId: string) {
      const item = mustItem(itemId);
      const line = item.changes.find((c) => c.transaction.transaction_id === transactionId)?.transaction;
      if (!line) throw new Error(`No transaction ${transactionId}`);
      record(item, "removed", line);
    },
    modifyTransaction(itemId: string, transactionId: string, changes: Partial<MockTransaction>) {
      const item = mustItem(itemId);
      const line = item.changes.findLast((c) => c.transaction.transaction_id === transactionId)?.transaction;
      if (!line) throw new Error(`No transaction ${transactionId}`);
      record(item, "modified", { ...line, ...changes });
    },
    transactionIds(itemId: string, accountIndex: number): { id: string; name: string; pending: boolean }[] {
      const item = mustItem(itemId);
      const accountId = item.accounts[accountIndex]!.account_id;
      return item.changes.filter((c) => c.kind === "added" && c.transaction.account_id === accountId).map((c) => ({ id: c.transaction.transaction_id, name: c.transaction.name, pending: c.transaction.pending }));
    },
    /** The bank now wants the user to sign in again (like /sandbox/item/reset_login). */
    requireLogin(itemId: string) {
      mustItem(itemId).loginRequired = true;
    },
    /** Plaid has not pulled the Item's transactions yet. */
    setReady(itemId: string, ready: boolean) {
      mustItem(itemId).ready = ready;
    },
    /** The next /transactions/sync that follows a cursor fails as if data changed mid-pagination. */
    mutateDuringNextPagination() {
      mutateDuringPagination = true;
    },
    failNext(path: string, failure: { status: number; errorType: string; errorCode: string }) {
      faults.push({ path, fault: { kind: "error", ...failure } });
    },
    malformNext(path: string, kind: "malformed" | "wrong_shape" = "malformed") {
      faults.push({ path, fault: { kind } });
    },
    delayNext(path: string, ms: number) {
      faults.push({ path, fault: { kind: "delay", ms } });
    },
    signWebhook,
    /** A new signing key; the old one stays valid until `expireKey`. */
    rotateKey,
    expireKey(kid: string) {
      keys.get(kid)!.expiredAt = Math.floor(now().getTime() / 1000) - 1;
    },
    get currentKid() {
      return currentKid;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export type PlaidMock = Awaited<ReturnType<typeof servePlaidMock>>;
