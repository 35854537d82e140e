/** The Sandbox handler's own contract: consent page HTML, error envelopes, input checks. */
import { beforeEach, describe, expect, it } from "vitest";
import { createSandboxHandler, type SandboxHandler } from "./handler";
import { createMemorySandboxStore } from "./memory-store";

const ORIGIN = "http://bank.test";
const clock = { now: new Date("2025-06-15T10:00:00.000Z") };
let handler: SandboxHandler;

beforeEach(() => {
  clock.now = new Date("2025-06-15T10:00:00.000Z");
  handler = createSandboxHandler({ now: () => clock.now });
});

function call(method: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method };
  if (body instanceof URLSearchParams) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "content-type": "application/json" };
  }
  return handler(new Request(`${ORIGIN}/sandbox${path}`, init));
}

async function linkSession(extra: Record<string, string> = {}): Promise<{ id: string; url: string }> {
  const response = await call("POST", "/api/link-sessions", { institution_id: "demo_bank", redirect_uri: "http://app.test/cb", state: "s1", ...extra });
  expect(response.status).toBe(201);
  return response.json();
}

async function signIn(sessionId: string, username: string, password = "secret"): Promise<Response> {
  return call("POST", `/consent/${sessionId}`, new URLSearchParams({ step: "credentials", username, password, action: "continue" }));
}

async function connect(username: string): Promise<{ connectionId: string; sessionId: string }> {
  const session = await linkSession();
  const accountsPage = await (await signIn(session.id, username)).text();
  const grant = accountsPage.match(/name="grant" value="([^"]+)"/)![1]!;
  const allowed = await call("POST", `/consent/${session.id}`, new URLSearchParams({ step: "accounts", grant, action: "allow" }));
  const code = new URL(allowed.headers.get("location")!).searchParams.get("code")!;
  const exchanged = await call("POST", "/api/link-sessions/exchange", { code });
  return { connectionId: ((await exchanged.json()) as { connection_id: string }).connection_id, sessionId: session.id };
}

describe("Sandbox consent pages", () => {
  it("asks for a username and password with Continue and Refuse", async () => {
    const session = await linkSession();
    expect(session.url).toBe(`${ORIGIN}/sandbox/consent/${session.id}`);
    const page = await call("GET", `/consent/${session.id}`);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain("Sign in to Demo Bank");
    expect(html).toMatch(/<label for="username">Username<\/label>\s*<input[^>]*id="username"/);
    expect(html).toMatch(/<label for="password">Password<\/label>\s*<input type="password"/);
    expect(html).toMatch(/<button[^>]*value="continue"[^>]*>Continue<\/button>/);
    expect(html).toMatch(/<button[^>]*value="refuse"[^>]*formnovalidate>Refuse<\/button>/);
    // Enter in a field submits the first button: it must continue, not refuse.
    expect(html.indexOf('value="continue"')).toBeLessThan(html.indexOf('value="refuse"'));
  });

  it("lists the accounts, all ticked, with masked IBANs and Allow access", async () => {
    const session = await linkSession();
    const response = await signIn(session.id, "<b>eve</b>");
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain("Signed in as <strong>&#60;b&#62;eve&#60;/b&#62;</strong>");
    expect(html.match(/type="checkbox" name="account" value="acc_[0-9a-f]+" checked/g)).toHaveLength(3);
    expect(html).toMatch(/DE\d\d •••• \d{4} · EUR/);
    expect(html).toContain(">Allow access</button>");
  });

  it("asks again for an empty username and for a forged step", async () => {
    const session = await linkSession();
    const empty = await signIn(session.id, "  ");
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Enter your username.");
    const forged = await call("POST", `/consent/${session.id}`, new URLSearchParams({ step: "accounts", grant: "forged.grant", action: "allow" }));
    expect(forged.status).toBe(422);
    expect(await forged.text()).toContain("Your sign-in has expired");
  });

  it("shows an expired page after 30 minutes and once the code was exchanged", async () => {
    const session = await linkSession();
    clock.now = new Date("2025-06-15T10:31:00.000Z");
    const expired = await call("GET", `/consent/${session.id}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("This link has expired");
    expect((await call("GET", "/consent/ls_unknown")).status).toBe(410);

    clock.now = new Date("2025-06-15T10:00:00.000Z");
    const { sessionId } = await connect("ivy");
    expect((await call("GET", `/consent/${sessionId}`)).status).toBe(410);
  });

  it("fixes the login when updating the credentials of an existing connection", async () => {
    const { connectionId } = await connect("frank");
    const session = await linkSession({ connection_id: connectionId });
    const html = await (await call("GET", `/consent/${session.id}`)).text();
    expect(html).toMatch(/id="username" name="username" autocomplete="username" required value="frank" readonly/);
    const other = await signIn(session.id, "grace");
    expect(other.status).toBe(422);
    expect(await other.text()).toContain("Sign in as frank");
  });
});

describe("Sandbox API errors", () => {
  it("answers unknown paths and wrong methods with the error envelope", async () => {
    const missing = await call("GET", "/api/nothing");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: "No such endpoint." } });
    const wrongMethod = await call("DELETE", "/api/institutions");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
  });

  it("refuses bodies that are not JSON or do not match the contract", async () => {
    const notJson = await handler(new Request(`${ORIGIN}/sandbox/api/link-sessions`, { method: "POST", body: "institution_id=demo_bank" }));
    expect(notJson.status).toBe(400);
    const badRedirect = await call("POST", "/api/link-sessions", { institution_id: "demo_bank", redirect_uri: "javascript:alert(1)", state: "s" });
    expect(badRedirect.status).toBe(400);
    expect(((await badRedirect.json()) as { error: { message: string } }).error.message).toContain("redirect_uri");
    const badType = await call("POST", "/api/link-sessions", { institution_id: "demo_bank", redirect_uri: "http://app.test/cb", state: "s", account_type: "corporate" });
    expect(badType.status).toBe(400);
    const unknownBank = await call("POST", "/api/link-sessions", { institution_id: "no_bank", redirect_uri: "http://app.test/cb", state: "s" });
    expect(((await unknownBank.json()) as { error: { code: string } }).error.code).toBe("institution_not_found");
  });

  it("checks the transaction query and says when to retry after the daily limit", async () => {
    const session = await call("POST", "/api/link-sessions", { institution_id: "demo_bank_daily_limit", redirect_uri: "http://app.test/cb", state: "s" });
    const { id } = (await session.json()) as { id: string };
    const page = await (await signIn(id, "henry")).text();
    const grant = page.match(/name="grant" value="([^"]+)"/)![1]!;
    const accountId = page.match(/value="(acc_[0-9a-f]+)"/)![1]!;
    const allowed = await call("POST", `/consent/${id}`, new URLSearchParams({ step: "accounts", grant, action: "allow", account: accountId }));
    const code = new URL(allowed.headers.get("location")!).searchParams.get("code")!;
    const { connection_id } = (await (await call("POST", "/api/link-sessions/exchange", { code })).json()) as { connection_id: string };

    const refreshed = await call("POST", `/api/connections/${connection_id}/refresh`, { background: false });
    const { refresh_token } = (await refreshed.json()) as { refresh_token: string };
    const transactions = (query: string) =>
      handler(
        new Request(`${ORIGIN}/sandbox/api/connections/${connection_id}/accounts/${accountId}/transactions?${query}`, {
          headers: { authorization: `Bearer ${refresh_token}` },
        }),
      );
    expect((await transactions("date_from=2025-06-01&date_to=2025-06-15")).status).toBe(200);
    expect((await transactions("date_from=2025-06-01&limit=5000")).status).toBe(400);
    expect((await transactions("date_from=2025-02-30")).status).toBe(400);
    expect((await transactions("date_from=2025-06-10&date_to=2025-06-01")).status).toBe(400);
    expect((await transactions("cursor=bm9wZQ")).status).toBe(400);

    const limited = await call("POST", `/api/connections/${connection_id}/refresh`, { background: false });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe(String(14 * 3600));
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited", retry_after: "2025-06-16T00:00:00.000Z" } });
  });
});

describe("test controls", () => {
  it("do not exist unless they are turned on", async () => {
    const store = createMemorySandboxStore();
    handler = createSandboxHandler({ now: () => clock.now, store });
    const { connectionId } = await connect("controls");
    expect((await call("POST", `/api/connections/${connectionId}/simulate`, { failure: null })).status).toBe(200);
    handler = createSandboxHandler({ now: () => clock.now, store, testControls: false });
    const simulate = await call("POST", `/api/connections/${connectionId}/simulate`, { failure: "bank_error" });
    expect(simulate.status).toBe(404);
    const webhook = await call("POST", `/api/connections/${connectionId}/webhooks/test`, { url: "http://app.test/api/webhooks/sandbox", type: "login_required" });
    expect(webhook.status).toBe(404);
    expect((await call("POST", `/api/connections/${connectionId}/hold`, { seconds: 5 })).status).toBe(404);
  });

  it("hold a connection's refresh until released, so a sync can be watched while it runs", async () => {
    const { connectionId } = await connect("held");
    expect((await call("POST", `/api/connections/${connectionId}/hold`, { seconds: 11 })).status).toBe(400);
    expect((await call("POST", `/api/connections/${connectionId}/hold`, { seconds: 10 })).status).toBe(200);
    let answered = false;
    const refresh = call("POST", `/api/connections/${connectionId}/refresh`, { background: false }).then((response) => {
      answered = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);

    expect((await call("POST", `/api/connections/${connectionId}/hold`, { seconds: 0 })).status).toBe(200);
    expect((await refresh).status).toBe(200);
    // Released: the next refresh answers at once.
    expect((await call("POST", `/api/connections/${connectionId}/refresh`, { background: false })).status).toBe(200);
  });
});

