import { describe, expect, it } from "vitest";
import { accountScopeKey, callPolicy, nextPeriodStart, periodStart, runCost } from "./policy";

describe("call budget policy", () => {
  it("counts GoCardless per account, SimpleFIN per connection, and lets the bank's own limit win", () => {
    expect(callPolicy("gocardless", null)).toEqual({ scope: "account", dailyLimit: 4, providerSetsNextRefresh: false, requestsPerAccount: 0 });
    expect(callPolicy("gocardless", 2)).toMatchObject({ scope: "account", dailyLimit: 2 });
    expect(callPolicy("simplefin", null)).toMatchObject({ scope: "connection", dailyLimit: 24 });
    expect(callPolicy("sandbox", 1)).toMatchObject({ scope: "connection", dailyLimit: 1 });
    expect(callPolicy("saltedge", null)).toEqual({ scope: "connection", dailyLimit: null, providerSetsNextRefresh: true, requestsPerAccount: 0 });
    // Plaid counts per minute, not per day: only the time it is rate limited until holds calls.
    expect(callPolicy("plaid", null)).toEqual({ scope: "connection", dailyLimit: null, providerSetsNextRefresh: true, requestsPerAccount: 0 });
  });

  it("has no budget (nothing to show) where nothing limits a day's calls", () => {
    expect(callPolicy("sandbox", null)).toBeNull();
    expect(callPolicy("enablebanking", null)).toBeNull();
    expect(callPolicy("unknown", 3)).toBeNull();
  });

  it("keys a per-account budget by the provider's account and the kind of call, each counted apart", () => {
    expect(accountScopeKey("iban:DE89370400440532013000", "balances")).toBe("iban:DE89370400440532013000|balances");
    expect(accountScopeKey("iban:DE89370400440532013000", "transactions")).not.toBe(accountScopeKey("iban:DE89370400440532013000", "details"));
  });

  it("charges a SimpleFIN run every request it makes: one for the accounts, two per account", () => {
    expect(runCost(callPolicy("simplefin", null)!, 2)).toBe(5);
    expect(runCost(callPolicy("sandbox", 1)!, 3)).toBe(1);
  });

  it("runs from midnight UTC to the next midnight UTC", () => {
    expect(periodStart(new Date("2026-11-25T23:59:59.999Z"))).toEqual(new Date("2026-11-25T00:00:00Z"));
    expect(nextPeriodStart(new Date("2026-11-25T00:00:00Z"))).toEqual(new Date("2026-11-26T00:00:00Z"));
    expect(nextPeriodStart(new Date("2026-12-31T12:00:00Z"))).toEqual(new Date("2027-01-01T00:00:00Z"));
  });
});
