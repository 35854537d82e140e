import { describe, expect, it } from "vitest";
import { assertEncryptionKeyConfigured } from "./require-key";

describe("assertEncryptionKeyConfigured", () => {
  it("refuses to start in production without a key, and accepts either key", () => {
    expect(() => assertEncryptionKeyConfigured({ NODE_ENV: "production" })).toThrow(/TOKEN_ENCRYPTION_KEY/);
    expect(() => assertEncryptionKeyConfigured({ NODE_ENV: "production", AUTH_SECRET: "x" })).not.toThrow();
    expect(() => assertEncryptionKeyConfigured({ NODE_ENV: "production", TOKEN_ENCRYPTION_KEY: "x" })).not.toThrow();
    expect(() => assertEncryptionKeyConfigured({ NODE_ENV: "development" })).not.toThrow();
  });
});
