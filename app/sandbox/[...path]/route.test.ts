/** The mounted Sandbox: served from PostgreSQL, and gone when SANDBOX_PROVIDER=off. */
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sandboxLinkSessions } from "@/db/schema/sandbox";
import { GET, POST } from "./route";

afterEach(() => {
  delete process.env.SANDBOX_PROVIDER;
});

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
});
