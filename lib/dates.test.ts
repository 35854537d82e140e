import { describe, expect, it } from "vitest";
import { isIsoDate } from "./dates";

describe("isIsoDate", () => {
  it("accepts real calendar days only, and never throws", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-00-10")).toBe(false);
    expect(isIsoDate("26-01-01")).toBe(false);
  });

  it("keeps to the years 1900 to 2999", () => {
    expect(isIsoDate("1900-01-01")).toBe(true);
    expect(isIsoDate("2999-12-31")).toBe(true);
    expect(isIsoDate("0000-01-01")).toBe(false);
    expect(isIsoDate("1899-12-31")).toBe(false);
    expect(isIsoDate("3000-01-01")).toBe(false);
  });
});
