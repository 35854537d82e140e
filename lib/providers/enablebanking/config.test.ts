import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENABLE_BANKING_DEFAULT_BASE_URL, enableBankingConfig, isEnableBankingEnabled } from "./config";

const PEM = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";

describe("Enable Banking configuration", () => {
  it("is offered only with an application id and a key", () => {
    expect(isEnableBankingEnabled({})).toBe(false);
    expect(isEnableBankingEnabled({ ENABLE_BANKING_APP_ID: "app" })).toBe(false);
    expect(isEnableBankingEnabled({ ENABLE_BANKING_PRIVATE_KEY: PEM })).toBe(false);
    expect(isEnableBankingEnabled({ ENABLE_BANKING_APP_ID: "app", ENABLE_BANKING_PRIVATE_KEY: PEM })).toBe(true);
    expect(isEnableBankingEnabled({ ENABLE_BANKING_APP_ID: "app", ENABLE_BANKING_PRIVATE_KEY_FILE: "/keys/eb.pem" })).toBe(true);
  });

  it("reads the key inline (one-line with \\n escapes) or from a file, and defaults the rest", () => {
    const inline = enableBankingConfig({ ENABLE_BANKING_APP_ID: " app ", ENABLE_BANKING_PRIVATE_KEY: PEM.replace(/\n/g, "\\n") });
    expect(inline).toEqual({ applicationId: "app", privateKey: PEM, baseUrl: ENABLE_BANKING_DEFAULT_BASE_URL, timeoutMs: 30_000, consentDays: 180 });

    const file = join(mkdtempSync(join(tmpdir(), "eb-")), "key.pem");
    writeFileSync(file, PEM);
    const fromFile = enableBankingConfig({ ENABLE_BANKING_PRIVATE_KEY_FILE: file, ENABLE_BANKING_BASE_URL: "http://127.0.0.1:9/", ENABLE_BANKING_CONSENT_DAYS: "90" });
    expect(fromFile).toMatchObject({ privateKey: PEM, baseUrl: "http://127.0.0.1:9", consentDays: 90 });
    expect(() => enableBankingConfig({ ENABLE_BANKING_PRIVATE_KEY_FILE: `${file}.missing` })).toThrow(/could not be read/);
  });
});
