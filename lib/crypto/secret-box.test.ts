import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";

describe("secret box", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret("access-token-123");
    expect(sealed).not.toContain("access-token-123");
    expect(decryptSecret(sealed)).toBe("access-token-123");
    expect(encryptSecret("access-token-123")).not.toBe(sealed);
  });

  it("refuses a tampered value", () => {
    const sealed = encryptSecret("access-token-123");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("forged").toString("base64url");
    expect(() => decryptSecret(parts.join("."))).toThrow();
  });
});
