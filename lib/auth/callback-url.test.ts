import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps paths on this site and drops other origins", () => {
    expect(safeCallbackUrl("/accounts/1?from=2026-01-01")).toBe("/accounts/1?from=2026-01-01");
    expect(safeCallbackUrl("http://localhost:3000/settings")).toBe("/settings");
    expect(safeCallbackUrl("https://evil.example/steal")).toBe("/steal");
    expect(safeCallbackUrl("//evil.example/x")).toBe("/x");
    expect(safeCallbackUrl("/login")).toBe("/");
    expect(safeCallbackUrl(undefined)).toBe("/");
  });
});
