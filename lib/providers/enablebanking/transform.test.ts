/**
 * The pure translations of Enable Banking JSON, with fixtures shaped like the examples of
 * its API reference.
 */
import { describe, expect, it } from "vitest";
import { ConsentExpired, ConsentRefused, InstitutionUnavailable, InvalidCredentials, ProviderRejected, ProviderTransient, RateLimited } from "@/lib/providers/errors";
import {
  ENABLE_BANKING_HISTORY_DAYS,
  errorFromCallback,
  errorFromResponse,
  fingerprintId,
  institutionId,
  parseInstitutionId,
  pickBalance,
  toAccount,
  toInstitution,
  toTransaction,
} from "./transform";
import type { TransactionJson } from "./types";

const booked: TransactionJson = {
  entry_reference: "5561990681",
  transaction_id: "unstable-1",
  transaction_amount: { currency: "EUR", amount: "12.5" },
  credit_debit_indicator: "DBIT",
  status: "BOOK",
  booking_date: "2020-01-03",
  value_date: "2020-01-02",
  creditor: { name: "Alex Gifts Oy" },
  creditor_account: { iban: "FI1737631867613465" },
  debtor: { name: "Our Company Oy" },
  debtor_account: { iban: "FI8821291587733472" },
  remittance_information: ["RF07850352502356628678117", "Gift for Alex"],
  reference_number: "RF07850352502356628678117",
};

const noId = () => "fallback";

describe("toTransaction", () => {
  it("signs money out negative and money in positive, as two-decimal strings", () => {
    expect(toTransaction(booked, noId)).toMatchObject({ amount: "-12.50", currency: "EUR", status: "posted" });
    const credit = toTransaction({ ...booked, credit_debit_indicator: "CRDT", transaction_amount: { currency: "EUR", amount: "1500" } }, noId);
    expect(credit?.amount).toBe("1500.00");
    // A bank that signs the amount itself does not flip the direction the indicator gives.
    expect(toTransaction({ ...booked, transaction_amount: { currency: "EUR", amount: "-7.20" } }, noId)?.amount).toBe("-7.20");
    expect(toTransaction({ ...booked, credit_debit_indicator: "CRDT", transaction_amount: { currency: "EUR", amount: "-7.20" } }, noId)?.amount).toBe("7.20");
    expect(toTransaction({ ...booked, transaction_amount: { currency: "EUR", amount: "0" } }, noId)?.amount).toBe("0.00");
  });

  it("takes the partner from the other side of the transfer", () => {
    expect(toTransaction(booked, noId)).toMatchObject({ partnerName: "Alex Gifts Oy", partnerAccount: "FI1737631867613465" });
    expect(toTransaction({ ...booked, credit_debit_indicator: "CRDT" }, noId)).toMatchObject({
      partnerName: "Our Company Oy",
      partnerAccount: "FI8821291587733472",
    });
  });

  it("keeps dates, remittance lines as the description and the structured reference", () => {
    expect(toTransaction(booked, noId)).toMatchObject({
      bookingDate: "2020-01-03",
      valueDate: "2020-01-02",
      description: "RF07850352502356628678117 Gift for Alex",
      reference: "RF07850352502356628678117",
    });
    expect(toTransaction({ ...booked, remittance_information: null }, noId)?.description).toBe("Alex Gifts Oy");
  });

  it("splits posted from pending and leaves out what never moved money", () => {
    expect(toTransaction({ ...booked, status: "PDNG" }, noId)?.status).toBe("pending");
    expect(toTransaction({ ...booked, status: "HOLD" }, noId)?.status).toBe("pending");
    expect(toTransaction({ ...booked, status: "CNCL" }, noId)).toBeNull();
    expect(toTransaction({ ...booked, status: "RJCT" }, noId)).toBeNull();
    expect(toTransaction({ ...booked, status: "SCHD" }, noId)).toBeNull();
  });

  it("dates a pending line by its transaction date and drops one without any date", () => {
    const pending = { ...booked, status: "PDNG", booking_date: null, value_date: null, transaction_date: "2020-01-04" };
    expect(toTransaction(pending, noId)?.bookingDate).toBe("2020-01-04");
    expect(toTransaction({ ...pending, transaction_date: null }, noId)).toBeNull();
    expect(() => toTransaction({ ...booked, booking_date: null, value_date: null }, noId)).toThrow(ProviderTransient);
  });

  it("uses entry_reference as the id, never the unstable transaction_id", () => {
    expect(toTransaction(booked, noId)?.providerTransactionId).toBe("5561990681");
    expect(toTransaction({ ...booked, entry_reference: null }, noId)?.providerTransactionId).toBe("fallback");
  });
});

describe("fingerprintId", () => {
  it("is stable across fetches, ignores transaction_id, and tells identical lines apart by occurrence", () => {
    const line = { ...booked, entry_reference: null };
    expect(fingerprintId(line, 1)).toBe(fingerprintId({ ...line, transaction_id: "changed-on-refetch" }, 1));
    expect(fingerprintId(line, 1)).not.toBe(fingerprintId(line, 2));
    expect(fingerprintId(line, 1)).not.toBe(fingerprintId({ ...line, transaction_amount: { currency: "EUR", amount: "12.51" } }, 1));
    expect(fingerprintId(line, 1)).toMatch(/^fp:[0-9a-f]{32}:1$/);
  });
});

describe("institutions", () => {
  it("maps an ASPSP", () => {
    expect(
      toInstitution({ name: "Nordea", country: "FI", logo: "https://x/logo.png", bic: "NDEAFIHH", psu_types: ["personal", "business"], maximum_consent_validity: 15552000, beta: true }),
    ).toEqual({
      provider: "enablebanking", providerInstitutionId: "FI:Nordea", name: "Nordea", country: "FI", bic: "NDEAFIHH", logoUrl: "https://x/logo.png",
      beta: true, maxHistoryDays: ENABLE_BANKING_HISTORY_DAYS, supportsBackgroundRefresh: true, accountTypes: ["personal", "business"], available: true,
    });
  });

  it("round-trips the (name, country) id, colons in names included", () => {
    expect(parseInstitutionId(institutionId({ name: "Bank: Business", country: "SE" }))).toEqual({ name: "Bank: Business", country: "SE" });
    expect(parseInstitutionId("Nordea")).toBeNull();
  });
});

describe("accounts and balances", () => {
  it("keys the account on identification_hash and prefers the IBAN as account number", () => {
    const account = toAccount(
      { uid: "uid-1", identification_hash: "hash-1", account_id: { iban: "FI8821291587733472" }, currency: "EUR", details: "Main", cash_account_type: "CACC", name: "Holder" },
      null,
    );
    expect(account).toMatchObject({ providerAccountId: "hash-1", name: "Main", iban: "FI8821291587733472", accountNumber: "FI8821291587733472", type: "current" });
    const other = toAccount(
      { uid: "uid-2", identification_hash: "hash-2", account_id: { other: { identification: "12345", scheme_name: "BBAN" } }, currency: "SEK", cash_account_type: "SVGS" },
      null,
    );
    expect(other).toMatchObject({ iban: null, accountNumber: "12345", name: "SEK account", type: "savings" });
  });

  it("picks the booked balance in the account currency", () => {
    const now = new Date("2025-01-01T00:00:00Z");
    const balance = pickBalance(
      [
        { balance_type: "ITAV", balance_amount: { currency: "EUR", amount: "90" } },
        { balance_type: "CLBD", balance_amount: { currency: "USD", amount: "1" } },
        { balance_type: "CLBD", balance_amount: { currency: "EUR", amount: "-100.5" }, last_change_date_time: "2024-12-31T10:00:00Z" },
      ],
      "EUR",
      now,
    );
    expect(balance).toEqual({ amount: "-100.50", currency: "EUR", asOf: new Date("2024-12-31T10:00:00Z") });
    expect(pickBalance([], "EUR", now)).toBeNull();
  });
});

describe("errors", () => {
  const now = new Date("2025-06-15T10:00:00Z");
  const body = (error: string) => ({ message: "m", code: 400, error });

  it("maps Enable Banking's error codes", () => {
    expect(errorFromResponse(429, body("ASPSP_RATE_LIMIT_EXCEEDED"), new Headers({ "retry-after": "60" }), now)).toEqual(
      expect.objectContaining({ code: "rate_limited", retryAfter: new Date("2025-06-15T10:01:00Z") }),
    );
    expect(errorFromResponse(429, null, null, now)).toBeInstanceOf(RateLimited);
    for (const code of ["EXPIRED_SESSION", "CLOSED_SESSION", "REVOKED_SESSION", "SESSION_DOES_NOT_EXIST"]) {
      expect(errorFromResponse(401, body(code))).toBeInstanceOf(ConsentExpired);
    }
    expect(errorFromResponse(400, body("ASPSP_PSU_ACTION_REQUIRED"))).toBeInstanceOf(InvalidCredentials);
    expect(errorFromResponse(502, body("ASPSP_ERROR"))).toBeInstanceOf(InstitutionUnavailable);
    expect(errorFromResponse(504, body("ASPSP_TIMEOUT"))).toBeInstanceOf(ProviderTransient);
    expect(errorFromResponse(503, "not json")).toBeInstanceOf(ProviderTransient);
    const rejected = errorFromResponse(422, body("WRONG_REQUEST_PARAMETERS"));
    expect(rejected).toBeInstanceOf(ProviderRejected);
    expect(rejected).toMatchObject({ providerCode: "WRONG_REQUEST_PARAMETERS", httpStatus: 422, message: "The bank aggregator refused the request: m" });
  });

  it("maps the callback's error", () => {
    expect(errorFromCallback("access_denied", null)).toBeInstanceOf(ConsentRefused);
    expect(errorFromCallback("server_error", "Bank down")).toMatchObject({ code: "provider_rejected", message: "The bank did not complete the consent: Bank down" });
  });
});
