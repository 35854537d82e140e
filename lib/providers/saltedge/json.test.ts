import { describe, expect, it } from "vitest";
import { parseJsonKeepingMoney, plainDecimal } from "./json";

describe("Salt Edge money in JSON", () => {
  it("keeps the digits Salt Edge sent instead of a float", () => {
    const parsed = parseJsonKeepingMoney('{"data":[{"id":"1","amount":-50.10,"extra":{"account_balance_snapshot":0.30000000000000004}},{"amount": 1e2 ,"description":"\\"amount\\": 7"}]}') as {
      data: { amount: string; description?: string; extra?: { account_balance_snapshot: string } }[];
    };
    expect(parsed.data[0]!.amount).toBe("-50.10");
    expect(parsed.data[0]!.extra!.account_balance_snapshot).toBe("0.30000000000000004");
    expect(parsed.data[1]!.amount).toBe("100");
    // Text that merely looks like a money field inside a string is left alone.
    expect(parsed.data[1]!.description).toBe('"amount": 7');
  });

  it("writes exponent notation as plain decimals, exactly", () => {
    expect(plainDecimal("-0.1e1")).toBe("-1");
    expect(plainDecimal("1.25E-3")).toBe("0.00125");
    expect(plainDecimal("12.5e+2")).toBe("1250");
    expect(plainDecimal("42.00")).toBe("42.00");
  });
});
