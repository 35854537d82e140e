/**
 * The mounted Sandbox: served from PostgreSQL, gone when SANDBOX_PROVIDER=off or in
 * production unless it is turned on, and sending browsers and webhooks only to this app.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { sandboxLinkSessions } from "@/db/schema/sandbox";
import { GET, POST } from "./route";

afterEach(() => {
  delete process.env.SANDBOX_PROVIDER;
  vi.unstubAllEnvs();
});

function post(path: string, body: unknown): Promise<Response> {
  return POST(new Request(`http://localhost:3000/sandbox${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
}

async function errorMessage(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}

describe("/sandbox route", () => {
  it("keeps link sessions in PostgreSQL and serves their consent page", async () => {
    const created = await POST(
      new Request("http://localhost:3000/sandbox/api/link-sessions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ institution_id: "demo_bank", redirect_uri: "http://localhost:3000/connect/callback", state: "s" }),
      }),
    );
    expect(created.status).toBe(201);
    const { id, url } = (await created.json()) as { id: string; url: string };
    expect(url).toBe(`http://localhost:3000/sandbox/consent/${id}`);
    const rows = await getDb().select().from(sandboxLinkSessions);
    expect(rows.map((row) => row.id)).toEqual([id]);
    const page = await GET(new Request(url));
    expect(await page.text()).toContain("Sign in to Demo Bank");
  });

  it("answers 404 everywhere when SANDBOX_PROVIDER=off", async () => {
    process.env.SANDBOX_PROVIDER = "off";
    const response = await GET(new Request("http://localhost:3000/sandbox/api/institutions"));
    expect(response.status).toBe(404);
  });

  it("is off in production unless SANDBOX_PROVIDER=on", async () => {
    vi.stubEnv("NODE_ENV", "production");
    expect((await GET(new Request("http://localhost:3000/sandbox/api/institutions"))).status).toBe(404);
    vi.stubEnv("SANDBOX_PROVIDER", "on");
    vi.stubEnv("SANDBOX_TOKEN_SECRET", "a-token-secret-of-this-deployment-only");
    vi.stubEnv("SANDBOX_WEBHOOK_SECRET", "a-webhook-secret-of-this-deployment-only");
    expect((await GET(new Request("http://localhost:3000/sandbox/api/institutions"))).status).toBe(200);
  });

  it("sends the browser back only to this app's callback", async () => {
    const foreign = await post("/api/link-sessions", { institution_id: "demo_bank", redirect_uri: "https://attacker.example/connect/callback", state: "s" });
    expect(foreign.status).toBe(400);
    expect(await errorMessage(foreign)).toContain("/connect/callback");
    const otherPage = await post("/api/link-sessions", { institution_id: "demo_bank", redirect_uri: "http://localhost:3000/settings", state: "s" });
    expect(otherPage.status).toBe(400);
    const foreignWebhook = await post("/api/link-sessions", {
      institution_id: "demo_bank", redirect_uri: "http://localhost:3000/connect/callback", state: "s", webhook_url: "http://169.254.169.254/api/webhooks/sandbox",
    });
    expect(foreignWebhook.status).toBe(400);
    expect(await getDb().select().from(sandboxLinkSessions)).toEqual([]);
  });

  it("accepts the public address the settings name for an app behind a proxy", async () => {
    vi.stubEnv("AUTH_URL", "https://books.example.com");
    const created = await post("/api/link-sessions", { institution_id: "demo_bank", redirect_uri: "https://books.example.com/connect/callback?flow=connect", state: "s" });
    expect(created.status).toBe(201);
  });

  it("posts test webhooks only to this app's webhook route", async () => {
    const probe = await post("/api/connections/conn_any/webhooks/test", { url: "http://127.0.0.1:5432/", type: "login_required" });
    expect(probe.status).toBe(400);
    expect(await errorMessage(probe)).toContain("/api/webhooks/sandbox");
  });
});
