import { describe, expect, it } from "vitest";
import { SALTEDGE_DEFAULT_BASE_URL, isSaltEdgeEnabled, saltEdgeConfig } from "./config";

describe("Salt Edge configuration", () => {
  it("is offered only with an App-id and a Secret", () => {
    expect(isSaltEdgeEnabled({})).toBe(false);
    expect(isSaltEdgeEnabled({ SALTEDGE_APP_ID: "a" })).toBe(false);
    expect(isSaltEdgeEnabled({ SALTEDGE_APP_ID: "a", SALTEDGE_SECRET: " " })).toBe(false);
    expect(isSaltEdgeEnabled({ SALTEDGE_APP_ID: "a", SALTEDGE_SECRET: "s" })).toBe(true);
  });

  it("reads keys with \\n escapes, derives the callback URL from WEBHOOK_PUBLIC_URL, and has defaults", () => {
    const config = saltEdgeConfig({
      SALTEDGE_APP_ID: "a", SALTEDGE_SECRET: "s", SALTEDGE_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----",
      WEBHOOK_PUBLIC_URL: "https://books.example/",
    });
    expect(config.privateKey).toBe("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----");
    expect(config.callbackPublicKey).toBeNull();
    expect(config.callbackUrl).toBe("https://books.example/api/webhooks/saltedge");
    expect(config.baseUrl).toBe(SALTEDGE_DEFAULT_BASE_URL);
    expect(saltEdgeConfig({ SALTEDGE_BASE_URL: "http://127.0.0.1:9/api/v6/", SALTEDGE_CALLBACK_URL: "https://x/cb" })).toMatchObject({
      baseUrl: "http://127.0.0.1:9/api/v6", callbackUrl: "https://x/cb", privateKey: null,
    });
  });
});
