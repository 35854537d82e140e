import { describe, expect, it } from "vitest";
import { isFromThisApp } from "./same-origin";

const from = (origin: string | null, extra: Record<string, string> = {}) =>
  new Headers({ host: "books.example.com", ...(origin === null ? {} : { origin }), ...extra });

describe("isFromThisApp", () => {
  it("accepts this app's pages and requests that send no Origin", () => {
    expect(isFromThisApp(from("https://books.example.com"), {})).toBe(true);
    expect(isFromThisApp(from(null), {})).toBe(true);
  });

  it("refuses other sites, Origin: null and unreadable values", () => {
    expect(isFromThisApp(from("https://attacker.example"), {})).toBe(false);
    expect(isFromThisApp(from("null"), {})).toBe(false);
    expect(isFromThisApp(from("::"), {})).toBe(false);
  });

  it("believes a forwarded host only behind a trusted proxy", () => {
    const forged = from("https://attacker.example", { "x-forwarded-host": "attacker.example" });
    expect(isFromThisApp(forged, {})).toBe(false);
    expect(isFromThisApp(forged, { AUTH_TRUST_HOST: "true" })).toBe(true);
  });
});
