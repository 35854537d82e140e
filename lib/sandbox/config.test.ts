import { describe, expect, it } from "vitest";
import { isSandboxEnabled, sandboxServerSecrets, sandboxTestControlsEnabled } from "./config";

describe("Sandbox settings", () => {
  it("is on by default in development and tests, off in production unless SANDBOX_PROVIDER=on", () => {
    expect(isSandboxEnabled({ NODE_ENV: "development" })).toBe(true);
    expect(isSandboxEnabled({ NODE_ENV: "development", SANDBOX_PROVIDER: "off" })).toBe(false);
    expect(isSandboxEnabled({ NODE_ENV: "production" })).toBe(false);
    expect(isSandboxEnabled({ NODE_ENV: "production", SANDBOX_PROVIDER: "true" })).toBe(false);
    expect(isSandboxEnabled({ NODE_ENV: "production", SANDBOX_PROVIDER: "on" })).toBe(true);
  });

  it("answers test controls in production only with the explicit end-to-end test switch", () => {
    expect(sandboxTestControlsEnabled({ NODE_ENV: "test" })).toBe(true);
    expect(sandboxTestControlsEnabled({ NODE_ENV: "production", SANDBOX_PROVIDER: "on" })).toBe(false);
    expect(sandboxTestControlsEnabled({ NODE_ENV: "production", SANDBOX_PROVIDER: "on", SANDBOX_TEST_CONTROLS: "on" })).toBe(false);
    expect(sandboxTestControlsEnabled({ NODE_ENV: "production", SANDBOX_PROVIDER: "on", SANDBOX_TEST_CONTROLS: "on-for-e2e-tests" })).toBe(true);
    expect(sandboxTestControlsEnabled({ NODE_ENV: "production", SANDBOX_TEST_CONTROLS: "on-for-e2e-tests" })).toBe(false);
  });

  it("has no secrets of its own in production until they are set", () => {
    expect(sandboxServerSecrets({ NODE_ENV: "development" }).webhookSecret).toBe("sandbox-dev-webhook-secret");
    expect(() => sandboxServerSecrets({ NODE_ENV: "production" })).toThrow(/SANDBOX_TOKEN_SECRET/);
    expect(sandboxServerSecrets({ NODE_ENV: "production", SANDBOX_TOKEN_SECRET: "t", SANDBOX_WEBHOOK_SECRET: "w" })).toEqual({ tokenSecret: "t", webhookSecret: "w" });
  });
});
