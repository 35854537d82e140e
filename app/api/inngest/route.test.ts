import { afterEach, describe, expect, it, vi } from "vitest";
import { isInngestDev, servingRefusal } from "@/inngest/client";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function routeWith(env: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries({ INNGEST_DEV: undefined, INNGEST_SIGNING_KEY: undefined, INNGEST_EVENT_KEY: undefined, ...env })) {
    vi.stubEnv(key, value);
  }
  vi.resetModules();
  return import("./route");
}

const request = (method: string, body?: string) =>
  new Request("http://localhost:3000/api/inngest?fnId=openbanksync-sync-connection&stepId=step", { method, body, headers: { "content-type": "application/json" } });

describe("/api/inngest", () => {
  it("knows dev mode from INNGEST_DEV", () => {
    expect(isInngestDev({})).toBe(false);
    expect(isInngestDev({ INNGEST_DEV: "0" })).toBe(false);
    expect(isInngestDev({ INNGEST_DEV: "1" })).toBe(true);
    expect(isInngestDev({ INNGEST_DEV: "http://127.0.0.1:8288" })).toBe(true);
  });

  it("refuses to serve in production without a signing key, or in dev mode", () => {
    expect(servingRefusal({ mode: "cloud", signingKey: undefined }, "production")).toMatch(/INNGEST_SIGNING_KEY is not set/);
    expect(servingRefusal({ mode: "dev", signingKey: "signkey-prod-1234" }, "production")).toMatch(/INNGEST_DEV is set in production/);
    expect(servingRefusal({ mode: "cloud", signingKey: "signkey-prod-1234" }, "production")).toBeNull();
    expect(servingRefusal({ mode: "dev", signingKey: undefined }, "development")).toBeNull();
  });

  it("answers 500 to every request in production when the signing key is missing", async () => {
    const route = await routeWith({ NODE_ENV: "production" });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const [handler, method] of [[route.GET, "GET"], [route.PUT, "PUT"], [route.POST, "POST"]] as const) {
      const response = await handler(request(method, method === "GET" ? undefined : "{}") as never, undefined);
      expect(response.status).toBe(500);
    }
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("INNGEST_SIGNING_KEY is not set"));
  });

  it("rejects an unsigned function call in production when the key is set", async () => {
    const route = await routeWith({ NODE_ENV: "production", INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef0123456789abcdef" });
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await route.POST(request("POST", JSON.stringify({ event: {}, events: [], steps: {}, ctx: {} })) as never, undefined);
    expect(response.status).toBe(401);
  });
});
