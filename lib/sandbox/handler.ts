/**
 * The Sandbox aggregator as one fetch-style handler, `(Request) => Promise<Response>`,
 * for every path under /sandbox: the JSON API (/sandbox/api/...), the hosted consent
 * pages (/sandbox/consent/<link session>) and institution logos. The app mounts it in
 * app/sandbox/[...path]/route.ts; tests serve it with serve.ts.
 */
import { sandboxServerSecrets, sandboxTestControlsEnabled, type SandboxServerSecrets } from "./config";
import { bookLateLines, revoke, listAccounts, listTransactions, refresh, sendTestWebhook, simulate } from "./connection-api";
import { showConsent, submitConsent } from "./consent";
import type { SandboxContext } from "./context";
import { createRefreshHolds, holdRefreshes } from "./held-refreshes";
import { SandboxApiError, errorResponse, json } from "./http";
import { createLinkSession, exchangeCode, listInstitutions } from "./link-api";
import { logo } from "./logo";
import { createMemorySandboxStore } from "./memory-store";
import type { SandboxStore } from "./store";
import { createTokenSigner } from "./tokens";

export interface SandboxHandlerOptions {
  /** The Sandbox's clock: tests move it forward to see new days, expiries and limits. */
  now?: () => Date;
  /** Defaults to a fresh in-memory store. */
  store?: SandboxStore;
  secrets?: Partial<SandboxServerSecrets>;
  /** Whether the test controls (simulate, webhooks/test) answer; by default in development and tests only. */
  testControls?: boolean;
  /** The origins of the app it is mounted in, per request (app-urls.ts); none when it runs on its own. */
  appOrigins?: (request: Request) => string[];
}

export type SandboxHandler = (request: Request) => Promise<Response>;

type Method = "GET" | "POST" | "DELETE";
type Params = Record<string, string>;

interface Route {
  method: Method;
  pattern: string[];
  run: (context: SandboxContext, request: Request, params: Params) => Response | Promise<Response>;
  /** A test control: absent unless test controls are on. */
  testControl?: boolean;
}

const route = (method: Method, path: string, run: Route["run"], testControl = false): Route => ({ method, pattern: path.split("/"), run, testControl });

const ROUTES: Route[] = [
  route("GET", "api/institutions", (context) => listInstitutions(context)),
  route("POST", "api/link-sessions", (context, request) => createLinkSession(context, request)),
  route("POST", "api/link-sessions/exchange", (context, request) => exchangeCode(context, request)),
  route("POST", "api/connections/:id/refresh", (context, request, { id }) => refresh(context, id!, request)),
  route("GET", "api/connections/:id/accounts", (context, request, { id }) => listAccounts(context, id!, request)),
  route("GET", "api/connections/:id/accounts/:account/transactions", (context, request, { id, account }) =>
    listTransactions(context, id!, account!, request),
  ),
  route("DELETE", "api/connections/:id", (context, _request, { id }) => revoke(context, id!)),
  route("POST", "api/connections/:id/simulate", (context, request, { id }) => simulate(context, id!, request), true),
  route("POST", "api/connections/:id/hold", (context, request, { id }) => holdRefreshes(context, id!, request), true),
  route("POST", "api/connections/:id/late-bookings", (context, request, { id }) => bookLateLines(context, id!, request), true),
  route("POST", "api/connections/:id/webhooks/test", (context, request, { id }) => sendTestWebhook(context, id!, request), true),
  route("GET", "consent/:id", (context, request, { id }) => showConsent(context, id!, request)),
  route("POST", "consent/:id", (context, request, { id }) => submitConsent(context, id!, request)),
  route("GET", "logos/:file", (_context, _request, { file }) => logo(file!)),
];

function match(pattern: string[], segments: string[]): Params | null {
  if (pattern.length !== segments.length) return null;
  const params: Params = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i]!;
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

export function createSandboxHandler(options: SandboxHandlerOptions = {}): SandboxHandler {
  const secrets = { ...sandboxServerSecrets(), ...options.secrets };
  const store = options.store ?? createMemorySandboxStore();
  const tokens = createTokenSigner(secrets.tokenSecret);
  const now = options.now ?? (() => new Date());
  const holds = createRefreshHolds();
  const routes = (options.testControls ?? sandboxTestControlsEnabled()) ? ROUTES : ROUTES.filter((candidate) => !candidate.testControl);

  return async (request) => {
    const url = new URL(request.url);
    const root = url.pathname.indexOf("/sandbox/");
    if (root === -1) return errorResponse(new SandboxApiError(404, "not_found", "Nothing is served here."));
    let segments: string[];
    try {
      segments = url.pathname.slice(root + "/sandbox/".length).split("/").map(decodeURIComponent);
    } catch {
      return errorResponse(new SandboxApiError(400, "invalid_request", "The path is not valid."));
    }
    const context: SandboxContext = {
      store,
      now,
      tokens,
      webhookSecret: secrets.webhookSecret,
      baseUrl: `${url.origin}${url.pathname.slice(0, root)}/sandbox`,
      appOrigins: options.appOrigins?.(request) ?? null,
      holds,
    };
    const candidates = routes.map((candidate) => ({ candidate, params: match(candidate.pattern, segments) })).filter((found) => found.params);
    const found = candidates.find(({ candidate }) => candidate.method === request.method);
    try {
      if (!found) {
        if (candidates.length === 0) throw new SandboxApiError(404, "not_found", "No such endpoint.");
        const allowed = candidates.map(({ candidate }) => candidate.method).join(", ");
        throw new SandboxApiError(405, "method_not_allowed", `Use ${allowed}.`, {}, { allow: allowed });
      }
      return await found.candidate.run(context, request, found.params!);
    } catch (error) {
      if (error instanceof SandboxApiError) return errorResponse(error);
      console.error("Sandbox: unexpected error", error);
      return json({ error: { code: "internal_error", message: "The Sandbox failed to answer." } }, 500);
    }
  };
}
