import { describe, expect, it } from "vitest";
import {
  AlreadyConnected,
  BackgroundRefreshUnsupported,
  ConsentExpired,
  ConsentRefused,
  InstitutionUnavailable,
  InvalidCredentials,
  MfaRequired,
  ProviderRejected,
  ProviderTransient,
  RateLimited,
} from "@/lib/providers/errors";
import { errorFromCallback, errorFromResponse, toAccount, toTransaction } from "./transform";

const envelope = (code: string, extra: Record<string, unknown> = {}) => ({ error: { code, message: `Sandbox says ${code}`, ...extra } });

describe("Sandbox error mapping", () => {
  it.each([
    [429, envelope("rate_limited", { retry_after: "2025-06-16T00:00:00.000Z" }), RateLimited],
    [401, envelope("consent_expired"), ConsentExpired],
    [404, envelope("connection_not_found"), ConsentExpired],
    [403, envelope("mfa_required", { challenge: { id: "ch", prompt: "Enter the code we sent by SMS" } }), MfaRequired],
    [401, envelope("invalid_mfa_code", { challenge: { id: "ch2", prompt: "Enter the code we sent by SMS" } }), MfaRequired],
    [503, envelope("institution_unavailable"), InstitutionUnavailable],
    [409, envelope("already_connected"), AlreadyConnected],
    [409, envelope("background_refresh_unsupported"), BackgroundRefreshUnsupported],
    [500, envelope("internal_error"), ProviderTransient],
    [502, "<html>Bad gateway</html>", ProviderTransient],
    [429, null, RateLimited],
    [400, envelope("invalid_cursor"), ProviderRejected],
    [401, envelope("invalid_refresh_token"), ProviderRejected],
  ])("maps HTTP %i %j to the right typed error", (status, body, type) => {
    const error = errorFromResponse(status, body);
    expect(error).toBeInstanceOf(type);
    expect(error.constructor).toBe(type);
    expect(error.httpStatus).toBe(status);
  });

  it("keeps the retry time, the challenge and the Sandbox's code", () => {
    const limited = errorFromResponse(429, envelope("rate_limited", { retry_after: "2025-06-16T00:00:00.000Z" })) as RateLimited;
    expect(limited.retryAfter?.toISOString()).toBe("2025-06-16T00:00:00.000Z");
    expect(limited.providerCode).toBe("rate_limited");
    const rejectedCode = errorFromResponse(401, envelope("invalid_mfa_code", { challenge: { id: "ch2", prompt: "p" } })) as MfaRequired;
    expect(rejectedCode.challenge).toEqual({ id: "ch2", prompt: "p" });
    expect(rejectedCode.codeRejected).toBe(true);
    expect(rejectedCode.message).toContain("not accepted");
    expect(errorFromResponse(400, envelope("invalid_cursor")).message).toContain("Sandbox says invalid_cursor");
  });

  it.each([
    ["invalid_credentials", InvalidCredentials],
    ["access_denied", ConsentRefused],
    ["institution_unavailable", InstitutionUnavailable],
    ["already_connected", AlreadyConnected],
    ["server_error", ProviderRejected],
  ])("maps the callback error %s", (code, type) => {
    const error = errorFromCallback(code);
    expect(error.constructor).toBe(type);
    expect(error.providerCode).toBe(code);
  });
});

describe("Sandbox JSON to app shapes", () => {
  it("uses the local account number when there is no IBAN", () => {
    const account = toAccount({
      id: "acc_1",
      name: "Checking Account",
      iban: null,
      account_number: "7321108316",
      currency: "USD",
      type: "current",
      balance: { amount: "-12.50", currency: "USD", as_of: "2025-06-15T10:00:00.000Z" },
    });
    expect(account).toEqual({
      providerAccountId: "acc_1",
      name: "Checking Account",
      iban: null,
      accountNumber: "7321108316",
      currency: "USD",
      type: "current",
      balance: { amount: "-12.50", currency: "USD", asOf: new Date("2025-06-15T10:00:00.000Z") },
    });
  });

  it("keeps amounts as the decimal strings the API sent", () => {
    const json = {
      id: "txn-1",
      status: "posted" as const,
      booking_date: "2025-06-15",
      value_date: "2025-06-14",
      amount: "-0.10",
      currency: "EUR",
      description: "Card payment Starbucks",
      partner_name: "Starbucks",
      partner_iban: null,
      reference: "POS 123456",
    };
    expect(toTransaction(json)).toMatchObject({ providerTransactionId: "txn-1", amount: "-0.10", bookingDate: "2025-06-15", valueDate: "2025-06-14", raw: json });
  });
});
