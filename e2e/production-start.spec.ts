/**
 * The production build as a deployment runs it (NODE_ENV=production, only the required
 * settings): it refuses to start with unsafe settings, serves no Sandbox bank, sends the
 * security headers, and a burst of parallel sign-ins gets at most five password checks.
 */
import bcrypt from "bcryptjs";
import { expect, test } from "@playwright/test";
import { SIGNATURE_HEADER, signatureHeader } from "../lib/sandbox/webhooks";
import { freshDatabase, randomSecret, refusedStart, startProductionServer, withDatabase, type RunningServer } from "./support/production-server";

const DEVELOPMENT_WEBHOOK_SECRET = "sandbox-dev-webhook-secret";

function forgedSandboxWebhook(): RequestInit {
  const body = JSON.stringify({ id: "wh_forged", type: "login_required", connection_id: "conn_any", account_ids: [], created_at: new Date().toISOString() });
  return { method: "POST", headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signatureHeader(DEVELOPMENT_WEBHOOK_SECRET, body, new Date()) }, body };
}

test.describe("production start", () => {
  test.describe.configure({ timeout: 180_000 });

  test("refuses to start without its secrets, or with the Sandbox's published ones", async () => {
    const bare = await refusedStart({});
    expect(bare.code).toBe(1);
    expect(bare.output).toContain("OpenBankSync cannot start: Set AUTH_SECRET before starting OpenBankSync in production: it signs the session cookies.");
    expect(bare.output).toContain("OpenBankSync cannot start: Set TOKEN_ENCRYPTION_KEY before starting OpenBankSync in production: provider tokens are encrypted at rest with it.");

    const publishedSandbox = await refusedStart({
      DATABASE_URL: "postgres://localhost/unused", AUTH_SECRET: randomSecret(), TOKEN_ENCRYPTION_KEY: randomSecret(), AUTH_URL: "http://localhost",
      SANDBOX_PROVIDER: "on", SANDBOX_TOKEN_SECRET: randomSecret(), SANDBOX_WEBHOOK_SECRET: DEVELOPMENT_WEBHOOK_SECRET,
    });
    expect(publishedSandbox.code).toBe(1);
    expect(publishedSandbox.output).toContain("OpenBankSync cannot start: SANDBOX_WEBHOOK_SECRET is a development default that anyone can read");
  });

  test("the e2e server's own Sandbox refuses a webhook signed with the old development secret", async ({ baseURL }) => {
    const response = await fetch(`${baseURL}/api/webhooks/sandbox`, forgedSandboxWebhook());
    expect(response.status).toBe(401);
  });
});

test.describe("a production server with only the required settings", () => {
  test.describe.configure({ timeout: 180_000 });
  let server: RunningServer;
  let databaseUrl: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    databaseUrl = await freshDatabase("openbanksync_production_start");
    server = await startProductionServer((baseUrl) => ({
      DATABASE_URL: databaseUrl, AUTH_SECRET: randomSecret(), TOKEN_ENCRYPTION_KEY: randomSecret(), AUTH_URL: baseUrl, BACKGROUND_SYNC: "off",
    }));
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("serves no Sandbox bank, and so takes no Sandbox webhook", async () => {
    expect((await fetch(`${server.baseUrl}/sandbox/api/institutions`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/sandbox/api/connections/conn_any/webhooks/test`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/api/webhooks/sandbox`, forgedSandboxWebhook())).status).toBe(404);
  });

  test("sends the security headers, with a fresh script nonce on every page", async () => {
    const page = await fetch(`${server.baseUrl}/login`);
    const policy = page.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(await page.text()).toContain(`nonce="${nonce}"`);
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "'strict-dynamic'"]) expect(policy).toContain(directive);
    expect(policy).not.toContain("plaid");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(page.headers.get("permissions-policy")).toContain("camera=()");
    expect(page.headers.get("x-powered-by")).toBeNull();
    expect(page.headers.get("strict-transport-security")).toBeNull();

    const again = await fetch(`${server.baseUrl}/login`);
    expect(again.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);

    const overHttps = await fetch(`${server.baseUrl}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(overHttps.headers.get("strict-transport-security")).toContain("max-age=");

    const webhook = await fetch(`${server.baseUrl}/api/webhooks/sandbox`, { method: "POST", body: "{}" });
    expect(webhook.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(webhook.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("a burst of 40 parallel sign-ins gets at most five password checks, the right password included", async () => {
    const email = "burst@example.test";
    await withDatabase(databaseUrl, (sql) => sql`insert into users (id, email, password_hash) values (${crypto.randomUUID()}, ${email}, ${bcrypt.hashSync("right-password", 10)})`);
    const csrf = await fetch(`${server.baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    // As a browser keeps them: a later cookie of the same name replaces an earlier one.
    const jar = new Map(csrf.headers.getSetCookie().map((value) => value.split(";")[0]!.split(/=(.*)/s) as [string, string]));
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const attempt = async (password: string) => {
      const response = await fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ email, password, csrfToken }),
      });
      const location = new URL(response.headers.get("location") ?? "/", server.baseUrl);
      const code = location.searchParams.get("code");
      if (code?.startsWith("too_many_attempts")) return "throttled";
      // A wrong password, or the right one: either way the password was checked.
      if (code === "credentials" || location.pathname === "/") return "checked";
      return `unexpected answer ${response.status} ${location.href}`;
    };
    const passwords = Array.from({ length: 40 }, (_, i) => (i === 20 ? "right-password" : `guess-${i}`));
    const outcomes = await Promise.all(passwords.map(attempt));
    expect(outcomes.filter((outcome) => outcome !== "checked" && outcome !== "throttled")).toEqual([]);
    expect(outcomes.filter((outcome) => outcome === "checked").length).toBeLessThanOrEqual(5);
    expect(outcomes.filter((outcome) => outcome === "throttled").length).toBeGreaterThanOrEqual(35);
    // Whether or not the right password was among the five, the account stays throttled.
    expect(await attempt("right-password")).toBe("throttled");
  });
});
