/** Pure translations of GoCardless JSON, on fixtures written from its published reference. */
import { describe, expect, it } from "vitest";
import { ConsentExpired, ConsentRefused, InstitutionUnavailable, ProviderRejected, ProviderTransient, RateLimited } from "@/lib/providers/errors";
import fixture from "./testing/fixtures/transactions.json";
import {
  accessDays,
  errorFromCallback,
  errorFromRequisitionStatus,
  errorFromResponse,
  goCardlessInstitutionId,
  historyDays,
  pickBalance,
  stableAccountIds,
  toAccount,
  toInstitutions,
  toTransactions,
} from "./transform";
import { institutionJson, transactionsJson } from "./types";

const NOW = new Date("2025-06-15T10:00:00.000Z");
const transactions = transactionsJson.parse(fixture);

describe("institutions", () => {
  it("gives one institution per country, with GoCardless's string day counts as numbers", () => {
    const json = institutionJson.parse({ id: "N26_NTSBDEB1", name: "N26 Bank", bic: "NTSBDEB1", transaction_total_days: "730", max_access_valid_for_days: "180", countries: ["DE", "at", "DE"], logo: "https://cdn-logos.gocardless.com/ais/N26_NTSBDEB1.png" });
    const institutions = toInstitutions(json);
    expect(institutions.map((institution) => [institution.country, institution.providerInstitutionId])).toEqual([["DE", "N26_NTSBDEB1@DE"], ["AT", "N26_NTSBDEB1@AT"]]);
    expect(institutions.map((institution) => goCardlessInstitutionId(institution.providerInstitutionId))).toEqual(["N26_NTSBDEB1", "N26_NTSBDEB1"]);
    expect(goCardlessInstitutionId("N26_NTSBDEB1")).toBe("N26_NTSBDEB1");
    expect(institutions[0]).toEqual({
      provider: "gocardless", providerInstitutionId: "N26_NTSBDEB1@DE", name: "N26 Bank", country: "DE", bic: "NTSBDEB1",
      logoUrl: "https://cdn-logos.gocardless.com/ais/N26_NTSBDEB1.png", beta: false, maxHistoryDays: 730,
      supportsBackgroundRefresh: true, accountTypes: [], available: true,
    });
  });

  it("falls back to GoCardless's documented 90 days and caps what the agreement may ask", () => {
    const bare = institutionJson.parse({ id: "X", name: "X", countries: ["FR"], logo: "" });
    expect([historyDays(bare), accessDays(bare)]).toEqual([90, 90]);
    expect(toInstitutions(bare)[0]).toMatchObject({ bic: null, logoUrl: null });
    const generous = institutionJson.parse({ id: "Y", name: "Y", countries: ["FR"], logo: "", transaction_total_days: "1000", max_access_valid_for_days: "365" });
    expect([historyDays(generous), accessDays(generous)]).toEqual([730, 180]);
  });
});

describe("accounts", () => {
  it("names an account by the bank's name, else its product, and keeps the IBAN as its number", () => {
    expect(toAccount("a", { iban: "DE89370400440532013000", currency: "eur", product: "Girokonto", cashAccountType: "CACC" }, null, null)).toEqual({
      providerAccountId: "a", name: "Girokonto", iban: "DE89370400440532013000", accountNumber: "DE89370400440532013000", currency: "EUR", type: "current", balance: null,
    });
    expect(toAccount("b", { bban: "12345678", currency: "GBP", name: "Business", cashAccountType: "SVGS" }, null, null)).toMatchObject({ name: "Business", iban: null, accountNumber: "12345678", type: "savings" });
  });

  it("uses the account's IBAN as our id unless two accounts share it", () => {
    const ids = stableAccountIds([
      { id: "gc-1", iban: "DE89 3704 0044 0532 0130 00" },
      { id: "gc-2", iban: "LT123", bban: null },
      { id: "gc-3", iban: "LT123" },
      { id: "gc-4", bban: "0532013000" },
      { id: "gc-5" },
    ]);
    expect(Object.fromEntries(ids)).toEqual({ "gc-1": "iban:DE89370400440532013000", "gc-2": "gc-2", "gc-3": "gc-3", "gc-4": "bban:0532013000", "gc-5": "gc-5" });
  });

  it("prefers the booked balance and dates it by its last change", () => {
    const balance = pickBalance(
      [
        { balanceAmount: { amount: "90.5", currency: "EUR" }, balanceType: "interimAvailable", referenceDate: "2025-06-14" },
        { balanceAmount: { amount: "-12.3", currency: "EUR" }, balanceType: "interimBooked", lastChangeDateTime: "2025-06-15T07:00:00Z" },
      ],
      NOW,
    );
    expect(balance).toEqual({ amount: "-12.30", currency: "EUR", asOf: new Date("2025-06-15T07:00:00Z") });
    expect(pickBalance([], NOW)).toBeNull();
  });
});

describe("transactions", () => {
  const lines = toTransactions(transactions, "2025-06-15");

  it("splits booked into posted and pending into pending, oldest first", () => {
    expect(lines.map((line) => [line.status, line.bookingDate])).toEqual([
      ["posted", "2025-06-10"],
      ["posted", "2025-06-12"],
      ["posted", "2025-06-14"],
      ["pending", "2025-06-15"],
      ["pending", "2025-06-15"],
    ]);
  });

  it("keeps the bank's sign and decimals as strings, at least cents", () => {
    expect(lines.map((line) => [line.amount, line.currency])).toEqual([
      ["-0.123", "BHD"],
      ["1200.50", "EUR"],
      ["-45.00", "EUR"],
      ["-9.99", "EUR"],
      ["-9.99", "EUR"],
    ]);
  });

  it("takes the id from transactionId, else internalTransactionId, else a repeatable hash", () => {
    expect(lines[2]!.providerTransactionId).toBe("2025061501927908-1");
    expect(lines[1]!.providerTransactionId).toBe("9f2c8a8e0d5a4e3b");
    expect(lines[0]!.providerTransactionId).toMatch(/^gch_[0-9a-f]{32}$/);
    expect(toTransactions(transactions, "2025-06-15")[0]!.providerTransactionId).toBe(lines[0]!.providerTransactionId);
    // Two pending lines differing only in their (missing) date keep distinct ids.
    expect(lines[3]!.providerTransactionId).not.toBe(lines[4]!.providerTransactionId);
  });

  it("names the creditor of money out and the debtor of money in, with their account", () => {
    expect(lines[2]).toMatchObject({ partnerName: "Freshto Ltd", partnerAccount: "GB33BUKB20201555555555", reference: null, description: "Freshto Ltd order 1234" });
    expect(lines[1]).toMatchObject({ partnerName: "Employer AG", partnerAccount: "0532013000", reference: "E2E-42", description: "Salary June", valueDate: null });
    expect(lines[0]).toMatchObject({ partnerName: "Fee Collector", partnerAccount: null, description: "Account fee" });
    expect(lines.filter((line) => line.status === "pending").map((line) => [line.description, line.valueDate]).sort()).toEqual([
      ["Music Service", null],
      ["Music Service", "2025-06-15"],
    ]);
    expect(lines[2]!.raw).toMatchObject({ bankTransactionCode: "PMNT" });
  });
});

describe("errors", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("reads the retry time from the per-account reset header, in either spelling", () => {
    for (const name of ["HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET", "X-RateLimit-Account-Success-Reset"]) {
      const error = errorFromResponse(429, { summary: "Rate limit exceeded", detail: "Daily request limit set by the Institution has been exceeded.", type: "RateLimitError" }, headers({ [name]: "3600" }), NOW);
      expect(error).toBeInstanceOf(RateLimited);
      expect((error as RateLimited).retryAfter?.toISOString()).toBe("2025-06-15T11:00:00.000Z");
    }
    const fromBody = errorFromResponse(429, { summary: "Rate limit exceeded", detail: "The rate limit for this resource is 100/minute. Please try again in 42 seconds", status_code: 429 }, headers({}), NOW);
    expect((fromBody as RateLimited).retryAfter?.toISOString()).toBe("2025-06-15T10:00:42.000Z");
  });

  it("maps the documented account errors", () => {
    const none = headers({});
    expect(errorFromResponse(401, { summary: "End User Agreement (EUA) 3fa8 has expired", detail: "EUA was valid for 90 days and it expired at 2025-06-01", status_code: 401 }, none, NOW)).toBeInstanceOf(ConsentExpired);
    expect(errorFromResponse(401, { summary: "Access has expired or it has been revoked", detail: "", type: "AccessExpiredError", status_code: 401 }, none, NOW)).toBeInstanceOf(ConsentExpired);
    expect(errorFromResponse(409, { summary: "Account Suspended", detail: "suspended due to numerous errors", status_code: 409 }, none, NOW)).toBeInstanceOf(ConsentExpired);
    expect(errorFromResponse(409, { summary: "Account is being processed", detail: "", type: "AccountProcessing", status_code: 409 }, none, NOW)).toBeInstanceOf(ProviderTransient);
    expect(errorFromResponse(503, { summary: "Couldn't connect to institution", detail: "", type: "ConnectionError", status_code: 503 }, none, NOW)).toBeInstanceOf(InstitutionUnavailable);
    expect(errorFromResponse(503, { summary: "Institution MOCK is not operational", detail: "down", status_code: 503 }, none, NOW)).toBeInstanceOf(InstitutionUnavailable);
    expect(errorFromResponse(502, "<html>", none, NOW)).toBeInstanceOf(ProviderTransient);
    const invalid = errorFromResponse(400, { summary: "Incorrect max_historical_days", detail: "must be > 0", status_code: 400 }, none, NOW);
    expect(invalid).toBeInstanceOf(ProviderRejected);
    expect(invalid.message).toContain("Incorrect max_historical_days");
  });

  it("treats a missing or unusable End User Agreement as a lost consent, and only that 403", () => {
    const none = headers({});
    const noEua = errorFromResponse(403, { summary: "No valid End User Agreement", detail: "There is no valid End User Agreement for this account and scope.", status_code: 403 }, none, NOW);
    expect(noEua).toBeInstanceOf(ConsentExpired);
    expect(noEua.message).toContain("Reconnect the bank");
    expect(errorFromResponse(401, { summary: "Account has been revoked", detail: "EUA access has been revoked by the user", status_code: 401 }, none, NOW)).toBeInstanceOf(ConsentExpired);
    expect(errorFromResponse(403, { summary: "End User Agreement not found", detail: "The EUA of this requisition was deleted", status_code: 403 }, none, NOW)).toBeInstanceOf(ConsentExpired);
    // A permission this installation lacks is not the user's consent: reconnecting would not help.
    expect(errorFromResponse(403, { summary: "Forbidden", detail: "Your company doesn't have permission to accept EUA", status_code: 403 }, none, NOW)).not.toBeInstanceOf(ConsentExpired);
    expect(errorFromResponse(403, { summary: "Forbidden", detail: "IP address not allowed", status_code: 403 }, none, NOW)).not.toBeInstanceOf(ConsentExpired);
  });

  it("names the field and its detail when a 400 answers per field", () => {
    const error = errorFromResponse(400, {
      date_from: { summary: "Date can't be in future", detail: "'date_from' can't be greater than today", status_code: 400 },
      date_to: { summary: "Invalid date", detail: "", status_code: 400 },
    }, headers({}), NOW);
    expect(error).toBeInstanceOf(ProviderRejected);
    expect(error.providerCode).toBe("invalid_fields");
    expect(error.message).toBe("GoCardless refused the request: date_from: 'date_from' can't be greater than today; date_to: Invalid date");
  });

  it("maps the consent redirect's errors and unfinished requisitions", () => {
    expect(errorFromCallback("UserCancelledSession", null)).toBeInstanceOf(ConsentRefused);
    expect(errorFromCallback("InstitutionTechnicalError", null)).toBeInstanceOf(InstitutionUnavailable);
    expect(errorFromCallback("SomethingNew", "details from GoCardless").message).toContain("details from GoCardless");
    expect(errorFromRequisitionStatus("EX")).toBeInstanceOf(ConsentExpired);
    expect(errorFromRequisitionStatus("RJ")).toBeInstanceOf(ConsentRefused);
    expect(errorFromRequisitionStatus("UA")).toBeInstanceOf(ConsentRefused);
  });
});
