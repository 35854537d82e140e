import { describe, expect, it } from "vitest";
import { productionSettingProblems } from "./production-settings";

const random = (seed: string) => `${seed}-${"x".repeat(40)}`;
const SAFE = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://db.internal/books",
  AUTH_SECRET: random("auth"),
  TOKEN_ENCRYPTION_KEY: random("tokens"),
  AUTH_URL: "https://books.example.com",
};

describe("productionSettingProblems", () => {
  it("accepts a complete production environment, and anything outside production", () => {
    expect(productionSettingProblems(SAFE)).toEqual([]);
    expect(productionSettingProblems({ ...SAFE, AUTH_URL: undefined, AUTH_TRUST_HOST: "true" })).toEqual([]);
    expect(productionSettingProblems({ NODE_ENV: "development" })).toEqual([]);
  });

  it("names each missing, short or public secret in one sentence", () => {
    expect(productionSettingProblems({ ...SAFE, AUTH_SECRET: undefined })).toEqual([
      "Set AUTH_SECRET before starting OpenBankSync in production: it signs the session cookies.",
    ]);
    expect(productionSettingProblems({ ...SAFE, TOKEN_ENCRYPTION_KEY: "short" })).toEqual([
      "TOKEN_ENCRYPTION_KEY is too short; set a random value of at least 32 characters (provider tokens are encrypted at rest with it).",
    ]);
    expect(productionSettingProblems({ ...SAFE, DATABASE_URL: undefined })[0]).toMatch(/^Set DATABASE_URL /);
    expect(productionSettingProblems({ ...SAFE, AUTH_URL: undefined })[0]).toMatch(/^Set AUTH_URL /);
  });

  it("requires the Sandbox's own secrets when it is turned on, never the published development ones", () => {
    expect(productionSettingProblems({ ...SAFE, SANDBOX_PROVIDER: "on" })).toEqual([
      "Set SANDBOX_TOKEN_SECRET before starting OpenBankSync in production: the Sandbox bank signs its tokens with it.",
      "Set SANDBOX_WEBHOOK_SECRET before starting OpenBankSync in production: the Sandbox bank signs its webhooks with it.",
    ]);
    const published = productionSettingProblems({
      ...SAFE, SANDBOX_PROVIDER: "on", SANDBOX_TOKEN_SECRET: random("sandbox"), SANDBOX_WEBHOOK_SECRET: "sandbox-dev-webhook-secret",
    });
    expect(published).toEqual([expect.stringMatching(/^SANDBOX_WEBHOOK_SECRET is a development default/)]);
    expect(productionSettingProblems({ ...SAFE, SANDBOX_PROVIDER: "on", SANDBOX_TOKEN_SECRET: random("t"), SANDBOX_WEBHOOK_SECRET: random("w") })).toEqual([]);
  });
});
