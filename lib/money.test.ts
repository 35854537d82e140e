import { describe, expect, it } from "vitest";
import { formatMoney, isNegative, normalizeDecimal, sumDecimals } from "./money";

describe("money", () => {
  it("sums amounts exactly where floats would drift", () => {
    expect(sumDecimals(["0.10", "0.20"])).toBe("0.30");
    expect(sumDecimals(Array(10).fill("0.10"))).toBe("1.00");
    expect(sumDecimals(["-1200.35", "1000.10", "0.25"])).toBe("-200.00");
  });

  it("normalizes bank formats and refuses garbage", () => {
    expect(normalizeDecimal("+012.5")).toBe("12.50");
    expect(normalizeDecimal("-0.00")).toBe("0.00");
    expect(normalizeDecimal("12.3400", 2)).toBe("12.34");
    expect(() => normalizeDecimal("12,50")).toThrow(/Not a decimal/);
    expect(() => normalizeDecimal("1.005")).toThrow(/more than 2 decimals/);
  });

  it("formats with the currency and keeps large amounts exact", () => {
    expect(formatMoney("1234.5", "EUR")).toBe("€1,234.50");
    expect(formatMoney("-9007199254740993.01", "USD")).toBe("-$9,007,199,254,740,993.01");
    expect(isNegative("-3.10")).toBe(true);
    expect(isNegative("-0.00")).toBe(false);
  });
});
