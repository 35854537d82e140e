import { describe, expect, it } from "vitest";
import { FIXED_CONTENT_SECURITY_POLICY, newNonce, pageContentSecurityPolicy } from "./headers";

const directives = (policy: string) => new Map(policy.split("; ").map((part) => [part.split(" ")[0], part.split(" ").slice(1)]));

describe("Content-Security-Policy", () => {
  it("lets pages run only scripts with this response's nonce, and no one frame them", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: "abc", pathname: "/", development: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("frame-src")).toEqual(["'none'"]);
  });

  it("allows Plaid's CDN on Plaid Link's page only", () => {
    const plaid = directives(pageContentSecurityPolicy({ nonce: "abc", pathname: "/connect/plaid", development: false }));
    expect(plaid.get("script-src")).toContain("https://cdn.plaid.com");
    expect(plaid.get("frame-src")).toEqual(["https://cdn.plaid.com"]);
    expect(plaid.get("connect-src")).toContain("https://cdn.plaid.com");
    const other = pageContentSecurityPolicy({ nonce: "abc", pathname: "/connect", development: false });
    expect(other).not.toContain("plaid");
  });

  it("keeps eval for React's development build only", () => {
    expect(pageContentSecurityPolicy({ nonce: "n", pathname: "/", development: true })).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy({ nonce: "n", pathname: "/", development: false })).not.toContain("'unsafe-eval'");
  });

  it("runs no script at all where the proxy does not run", () => {
    const policy = directives(FIXED_CONTENT_SECURITY_POLICY);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.has("script-src")).toBe(false);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("makes a new nonce every time", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
