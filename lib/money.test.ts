import { describe, expect, it } from "vitest";
import { formatMoney, isNegative, minorUnits, normalizeDecimal, sumDecimals } from "./money";

// Intl separates a code from its number with a no-break space; tests read it as a space.
const shown = (text: string) => text.replace(/\u00a0/g, " ");

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

  it("never rounds: an IDR amount with cents keeps them, in Indonesian and in English", () => {
    expect(formatMoney("-250000.50", "IDR", "id-ID")).toBe("\u2212Rp250.000,50");
    expect(formatMoney("250000.5000", "IDR", "id-ID")).toBe("Rp250.000,50");
    expect(shown(formatMoney("250000.50", "IDR", "en-US"))).toBe("IDR 250,000.50");
    expect(shown(formatMoney("-250000.50", "IDR", "en-US"))).toBe("-IDR 250,000.50");
    // ISO 4217 gives the rupiah two minor units, so whole amounts show them too.
    expect(formatMoney("250000", "IDR", "id-ID")).toBe("Rp250.000,00");
  });

  it("uses each currency's ISO 4217 minor units as the floor (JPY 0, BHD 3, EUR and USD 2)", () => {
    expect(minorUnits("JPY")).toBe(0);
    expect(minorUnits("BHD")).toBe(3);
    expect(shown(formatMoney("1234", "JPY", "en-US"))).toBe("¥1,234");
    expect(shown(formatMoney("1234", "JPY", "id-ID"))).toBe("JP¥1.234");
    expect(shown(formatMoney("-1.5", "BHD", "en-US"))).toBe("-BHD 1.500");
    expect(formatMoney("-1.5", "BHD", "id-ID")).toBe("\u2212BHD1,500");
    expect(formatMoney("1234.5", "EUR", "id-ID")).toBe("€1.234,50");
    expect(formatMoney("-3.5", "USD", "id-ID")).toBe("\u2212US$3,50");
    expect(formatMoney("-3.5", "USD", "en-US")).toBe("-$3.50");
  });

  it("shows more decimals than the minor unit when the stored amount has them", () => {
    expect(shown(formatMoney("1234.5678", "JPY", "en-US"))).toBe("¥1,234.5678");
    expect(formatMoney("0.1235", "EUR", "en-US")).toBe("€0.1235");
    expect(formatMoney("0.1235", "EUR", "id-ID")).toBe("€0,1235");
    expect(shown(formatMoney("1.2345", "BHD", "en-US"))).toBe("BHD 1.2345");
    expect(formatMoney("-250000.505", "IDR", "id-ID")).toBe("\u2212Rp250.000,505");
  });
});
