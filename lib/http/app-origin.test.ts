import { describe, expect, it } from "vitest";
import { appOrigin } from "./app-origin";

const forged = new Headers({ host: "books.example.com", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "http" });

describe("appOrigin", () => {
  it("ignores forwarded host headers unless a proxy is said to be in front", () => {
    expect(appOrigin(forged, {})).toBe("https://books.example.com");
    expect(appOrigin(forged, { AUTH_TRUST_HOST: "true" })).toBe("http://attacker.example");
  });

  it("prefers the configured public address", () => {
    expect(appOrigin(forged, { AUTH_URL: "https://books.example.com/api/auth", AUTH_TRUST_HOST: "true" })).toBe("https://books.example.com");
  });

  it("uses plain http on this machine", () => {
    expect(appOrigin(new Headers({ host: "localhost:3000" }), {})).toBe("http://localhost:3000");
  });
});
