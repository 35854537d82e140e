/**
 * A contract mock of a SimpleFIN server (the SimpleFIN Bridge) for tests, on node:http and
 * a random port. It follows the SimpleFIN protocol and the Bridge's developer guide (see
 * README.md beside it): one-time setup tokens (Base64 claim URLs), POST /claim/:token
 * answering an access URL with Basic credentials (403 once used), GET /accounts with
 * Basic auth, start-date (inclusive) / end-date (exclusive) in epoch seconds, pending=1,
 * account=, balances-only=1, version=2 (errlist + connections) or version 1 (errors +
 * org), 403 for a disabled access URL, 402 when the subscription lapsed, and the Bridge's
 * daily request quota. Switches inject errlist entries, HTTP failures, malformed JSON and
 * slow answers.
 *
 * Not part of the app: only tests import it.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const DAY_SECONDS = 86_400;

export interface MockTransaction {
  id: string;
  /** Days before "now" it posted; null while pending (posted 0). */
  postedDaysAgo: number | null;
  amount: string;
  description: string;
  payee?: string;
  memo?: string;
  transactedDaysAgo?: number;
}

export interface MockAccount {
  id: string;
  connId: string;
  name: string;
  currency: string;
  balance: string;
  transactions: MockTransaction[];
}

export interface MockConnection {
  connId: string;
  name: string;
  orgId: string;
  orgName: string;
  orgUrl: string;
}

export function mockConnections(): MockConnection[] {
  return [
    { connId: "CON-first", name: "First Mock Bank - Jane", orgId: "ORG-first", orgName: "First Mock Bank", orgUrl: "https://firstmock.example" },
    { connId: "CON-credit", name: "Mock Credit Union", orgId: "ORG-credit", orgName: "Mock Credit Union", orgUrl: "https://creditunion.example" },
  ];
}

/** Checking with lines spread over five months (so a first sync needs several ranges), savings, and a points balance. */
export function mockAccounts(): MockAccount[] {
  return [
    {
      id: "ACT-checking", connId: "CON-first", name: "Checking", currency: "USD", balance: "2410.55",
      transactions: [
        { id: "TRN-old", postedDaysAgo: 150, amount: "-75.00", description: "Utility Co", payee: "Utility Co" },
        { id: "TRN-rent", postedDaysAgo: 80, amount: "-1200.00", description: "RENT PAYMENT ONLINE", payee: "Landlord LLC", memo: "Unit 4B" },
        { id: "TRN-pay", postedDaysAgo: 20, amount: "3200.00", description: "PAYROLL ACME INC", payee: "Acme Inc" },
        { id: "TRN-coffee-1", postedDaysAgo: 3, amount: "-4.50", description: "Corner Coffee", payee: "Corner Coffee", transactedDaysAgo: 4 },
        { id: "TRN-coffee-2", postedDaysAgo: 3, amount: "-4.50", description: "Corner Coffee", payee: "Corner Coffee", transactedDaysAgo: 4 },
        { id: "TRN-pending", postedDaysAgo: null, amount: "-62.10", description: "GAS STATION (pending)", payee: "Gas Station", transactedDaysAgo: 1 },
      ],
    },
    {
      id: "ACT-savings", connId: "CON-credit", name: "Share Savings", currency: "USD", balance: "10000.00",
      transactions: [{ id: "TRN-dividend", postedDaysAgo: 10, amount: "1.37", description: "Dividend" }],
    },
    { id: "ACT-miles", connId: "CON-credit", name: "Rewards", currency: "https://creditunion.example/points", balance: "5120", transactions: [] },
  ];
}

export interface MockRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number;
}

export interface MockError {
  code: string;
  msg: string;
  conn_id?: string;
  account_id?: string;
}

export interface SimpleFinMock {
  /** The server's root, e.g. "http://127.0.0.1:1234/simplefin" (SIMPLEFIN_BRIDGE_URL). */
  rootUrl: string;
  accounts: MockAccount[];
  requests: MockRequest[];
  /** Extra errlist entries of every /accounts answer (as a failing bank connection would add). */
  errlist: MockError[];
  /** Answer every /accounts request with this status instead (with `retryAfter` seconds on a 429). */
  failWith: { status: number; retryAfter?: number } | null;
  /** The subscription lapsed: /accounts answers 402. */
  paymentRequired: boolean;
  /** Answer 200 with a truncated JSON body to every /accounts request while true. */
  malformed: boolean;
  delayMs: number;
  /** A new one-time setup token, as the Bridge's "create" page gives one. */
  issueSetupToken(): string;
  /** The user disables an access URL at the Bridge: later requests with it answer 403. */
  disableAccess(accessUrl: string): void;
  /** /accounts requests that asked for a wider range than the Bridge serves. */
  rangeViolations: number;
  close(): Promise<void>;
}

export interface SimpleFinMockOptions {
  now?: () => Date;
  accounts?: MockAccount[];
  connections?: MockConnection[];
  /** Requests a day per access URL before the Bridge warns (its guide: 24). */
  dailyQuota?: number;
  /** Requests beyond the quota after which the Bridge disables the access URL. */
  leeway?: number;
  /** The widest start-date..end-date range served, in days. */
  maxRangeDays?: number;
}

export async function serveSimpleFinMock(options: SimpleFinMockOptions = {}): Promise<SimpleFinMock> {
  const now = options.now ?? (() => new Date());
  const connections = options.connections ?? mockConnections();
  const dailyQuota = options.dailyQuota ?? 24;
  const leeway = options.leeway ?? 6;
  const maxRangeDays = options.maxRangeDays ?? 90;
  const setupCodes = new Map<string, { claimed: boolean }>();
  /** "user:password" → whether it still works. */
  const credentials = new Map<string, { enabled: boolean }>();
  /** "user|UTC day" → requests. */
  const usage = new Map<string, number>();

  const mock: SimpleFinMock = {
    rootUrl: "",
    accounts: options.accounts ?? mockAccounts(),
    requests: [],
    errlist: [],
    failWith: null,
    paymentRequired: false,
    malformed: false,
    delayMs: 0,
    rangeViolations: 0,
    issueSetupToken() {
      const code = randomBytes(12).toString("hex");
      setupCodes.set(code, { claimed: false });
      return Buffer.from(`${mock.rootUrl}/claim/${code}`, "utf8").toString("base64");
    },
    disableAccess(accessUrl) {
      const url = new URL(accessUrl);
      const entry = credentials.get(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`);
      if (entry) entry.enabled = false;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };

  function send(response: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}) {
    response.writeHead(status, { "content-type": contentType, ...headers });
    response.end(body);
  }
  const json = (response: ServerResponse, status: number, body: unknown) => send(response, status, JSON.stringify(body), "application/json");
  const text = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => send(response, status, body, "text/plain", headers);

  const epochDaysAgo = (days: number) => Math.floor(now().getTime() / 1000) - days * DAY_SECONDS;

  function claim(response: ServerResponse, code: string, host: string) {
    const entry = setupCodes.get(code);
    // The protocol: 403 when the token does not exist or was already claimed.
    if (!entry || entry.claimed) return text(response, 403, "Forbidden");
    entry.claimed = true;
    const user = randomBytes(8).toString("hex");
    const password = randomBytes(16).toString("hex");
    credentials.set(`${user}:${password}`, { enabled: true });
    const root = new URL(mock.rootUrl);
    return text(response, 200, `${root.protocol}//${user}:${password}@${host}${root.pathname}`);
  }

  function authorized(request: IncomingMessage): string | null {
    const match = /^Basic (.+)$/.exec(request.headers.authorization ?? "");
    if (!match) return null;
    const pair = Buffer.from(match[1]!, "base64").toString("utf8");
    return credentials.get(pair)?.enabled ? pair : null;
  }

  function transactionJson(line: MockTransaction) {
    return {
      id: line.id,
      posted: line.postedDaysAgo === null ? 0 : epochDaysAgo(line.postedDaysAgo),
      amount: line.amount,
      description: line.description,
      ...(line.postedDaysAgo === null ? { pending: true } : {}),
      ...(line.transactedDaysAgo !== undefined ? { transacted_at: epochDaysAgo(line.transactedDaysAgo) } : {}),
      ...(line.payee ? { payee: line.payee } : {}),
      ...(line.memo ? { memo: line.memo } : {}),
    };
  }

  function accounts(response: ServerResponse, query: URLSearchParams, pair: string) {
    const user = pair.split(":")[0]!;
    const dayKey = `${user}|${now().toISOString().slice(0, 10)}`;
    const used = (usage.get(dayKey) ?? 0) + 1;
    usage.set(dayKey, used);
    if (used > dailyQuota + leeway) {
      // The Bridge's guide: going on past the limit can get the access token disabled.
      credentials.get(pair)!.enabled = false;
      return text(response, 403, "Forbidden");
    }
    const warnings: MockError[] = used > dailyQuota
      ? [{ code: "gen.", msg: `You have used more than your daily quota of ${dailyQuota} requests. Continued use may disable this access token.` }]
      : [];
    const start = query.has("start-date") ? Number(query.get("start-date")) : null;
    const end = query.has("end-date") ? Number(query.get("end-date")) : null;
    const v2 = query.get("version") === "2";
    const errlist: MockError[] = [...warnings, ...mock.errlist];
    if (start !== null && (end ?? Math.floor(now().getTime() / 1000)) - start > maxRangeDays * DAY_SECONDS) {
      mock.rangeViolations += 1;
      errlist.push({ code: "gen.api", msg: `The date range may not exceed ${maxRangeDays} days.` });
      return json(response, 200, v2 ? { errlist, connections: [], accounts: [] } : { errors: errlist.map((e) => e.msg), accounts: [] });
    }
    const wanted = query.getAll("account");
    const withPending = query.get("pending") === "1";
    const balancesOnly = query.get("balances-only") === "1";
    const failedAccounts = new Set(errlist.filter((e) => e.code.startsWith("act.")).map((e) => e.account_id));
    const chosen = mock.accounts.filter((account) => wanted.length === 0 || wanted.includes(account.id));
    const body = chosen.map((account) => {
      const connection = connections.find((c) => c.connId === account.connId)!;
      const lines = balancesOnly || failedAccounts.has(account.id)
        ? undefined
        : account.transactions
            .filter((line) => {
              if (line.postedDaysAgo === null) return withPending;
              const posted = epochDaysAgo(line.postedDaysAgo);
              return (start === null || posted >= start) && (end === null || posted < end);
            })
            .sort((a, b) => (b.postedDaysAgo ?? -1) - (a.postedDaysAgo ?? -1))
            .map(transactionJson);
      const common = {
        id: account.id, name: account.name, currency: account.currency, balance: account.balance,
        "available-balance": account.balance, "balance-date": Math.floor(now().getTime() / 1000) - 3_600,
        ...(lines ? { transactions: lines } : {}),
      };
      return v2
        ? { ...common, conn_id: connection.connId, conn_name: connection.name }
        : { ...common, org: { domain: new URL(connection.orgUrl).host, name: connection.orgName, "sfin-url": mock.rootUrl } };
    });
    if (v2) {
      const usedConnections = connections.filter((c) => chosen.some((a) => a.connId === c.connId));
      return json(response, 200, {
        errlist,
        connections: usedConnections.map((c) => ({ conn_id: c.connId, name: c.name, org_id: c.orgId, org_name: c.orgName, org_url: c.orgUrl, sfin_url: mock.rootUrl })),
        accounts: body,
      });
    }
    return json(response, 200, { errors: errlist.map((e) => e.msg), accounts: body });
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://mock");
    const method = request.method ?? "GET";
    const record = (status: number) => mock.requests.push({ method, path: url.pathname, query: url.searchParams, status });
    if (mock.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, mock.delayMs));
    const route = url.pathname.startsWith("/simplefin/") ? url.pathname.slice("/simplefin".length) : null;
    try {
      if (route === "/info" && method === "GET") {
        return json(response, 200, { versions: ["1.0", "2.0"] });
      }
      if (route === "/create" && method === "GET") {
        // Stands in for the Bridge's page where a signed-in user creates a token.
        return text(response, 200, mock.issueSetupToken());
      }
      const claimMatch = route ? /^\/claim\/([^/]+)$/.exec(route) : null;
      if (claimMatch && method === "POST") {
        return claim(response, claimMatch[1]!, request.headers.host ?? "127.0.0.1");
      }
      if (route === "/accounts" && method === "GET") {
        const pair = authorized(request);
        if (!pair) return text(response, 403, "Forbidden");
        if (mock.paymentRequired) return text(response, 402, "Payment Required");
        if (mock.failWith) {
          return text(response, mock.failWith.status, "Error", mock.failWith.retryAfter !== undefined ? { "retry-after": String(mock.failWith.retryAfter) } : {});
        }
        if (mock.malformed) return send(response, 200, '{"errlist": [], "accounts": [{"id": "ACT-', "application/json");
        return accounts(response, url.searchParams, pair);
      }
      return text(response, 404, "Not Found");
    } finally {
      record(response.statusCode);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  mock.rootUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simplefin`;
  return mock;
}
