import { describe, expect, it } from "vitest";
import { negateDecimal, parseDecimalJson, plainDecimal } from "./decimal-json";

describe("Plaid money literals", () => {
  it("keeps amounts exactly as written, whatever JSON.parse would round", () => {
    const parsed = parseDecimalJson('{"amount": 72.10, "balances": {"current": 12345678901234567.89, "limit": null}, "name": "say \\"amount\\": 5"}') as Record<string, unknown>;
    expect(parsed).toEqual({ amount: "72.10", balances: { current: "12345678901234567.89", limit: null }, name: 'say "amount": 5' });
  });

  it("writes exponent literals out in full", () => {
    expect(plainDecimal("1.5e-7")).toBe("0.00000015");
    expect(plainDecimal("-2E3")).toBe("-2000");
    expect(plainDecimal("1.25e1")).toBe("12.5");
    expect(plainDecimal("0.10")).toBe("0.10");
  });

  it("turns Plaid's money-out-positive into our money-out-negative", () => {
    expect(negateDecimal("12.10")).toBe("-12.10");
    expect(negateDecimal("-1500")).toBe("1500");
    expect(negateDecimal("0.00")).toBe("0.00");
    expect(negateDecimal("-0")).toBe("0");
  });
});
