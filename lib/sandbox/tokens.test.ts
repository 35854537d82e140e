import { describe, expect, it } from "vitest";
import { createTokenSigner } from "./tokens";

const NOW = new Date("2025-06-15T10:00:00Z");
const LATER = new Date("2025-06-15T11:00:00Z");

describe("Sandbox signed tokens", () => {
  const signer = createTokenSigner("test-secret");

  it("gives back the payload of a token it signed, until it expires", () => {
    const token = signer.sign("refresh", { connection: "conn_1" }, LATER);
    expect(signer.verify("refresh", token, NOW)).toEqual({ connection: "conn_1", expiresAt: LATER });
    expect(signer.verify("refresh", token, LATER)).toBeNull();
  });

  it("refuses a token of another kind, a tampered payload or another secret's signature", () => {
    const token = signer.sign("refresh", { connection: "conn_1" }, LATER);
    expect(signer.verify("challenge", token, NOW)).toBeNull();
    const [, signature] = token.split(".");
    const forgedBody = Buffer.from(JSON.stringify({ connection: "conn_2", kind: "refresh", exp: LATER.getTime() })).toString("base64url");
    expect(signer.verify("refresh", `${forgedBody}.${signature}`, NOW)).toBeNull();
    expect(createTokenSigner("other-secret").verify("refresh", token, NOW)).toBeNull();
    expect(signer.verify("refresh", "garbage", NOW)).toBeNull();
  });
});
