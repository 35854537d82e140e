/**
 * The Enable Banking adapter against the contract mock over HTTP: the mock verifies every
 * request's JWT with the application's public key, so a passing test also proves the
 * signing.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ConsentExpired,
  ConsentRefused,
  InstitutionUnavailable,
  InvalidCredentials,
  InvalidWebhook,
  ProviderRejected,
  ProviderTransient,
  RateLimited,
} from "@/lib/providers/errors";
import type { Provider, ProviderTransaction, RefreshSession } from "@/lib/providers/types";
import type { EnableBankingConfig } from "./config";
import { createEnableBankingProvider } from "./enablebanking-provider";
import { signApplicationJwt } from "./jwt";
import { MAIN_IBAN, SAVINGS_IBAN, mockBanks } from "./testing/fixtures";
import { identificationHash, serveEnableBankingMock, type EnableBankingMock, type EnableBankingMockOptions } from "./testing/mock-server";

const APP_ID = "cf589be3-3755-465b-a8df-a90a16a31403";
const START = new Date("2025-06-15T10:00:00.000Z");
const DAY_MS = 24 * 60 * 60 * 1000;
const CALLBACK = "https://app.example/connect/callback";
const clock = { now: START };

function keyPair(): { privatePem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey };
}

const appKeys = keyPair();
let mock: EnableBankingMock;
let provider: Provider;

function providerFor(overrides: Partial<EnableBankingConfig> = {}): Provider {
  return createEnableBankingProvider(
    { applicationId: APP_ID, privateKey: appKeys.privatePem, baseUrl: mock.baseUrl, timeoutMs: 5_000, consentDays: 180, ...overrides },
    { now: () => clock.now },
  );
}

async function startMock(options: Partial<EnableBankingMockOptions> = {}) {
  mock = await serveEnableBankingMock({
    applicationId: APP_ID, publicKey: appKeys.publicKey, banks: mockBanks(), now: () => clock.now, pageSize: 2,
    redirectUrls: [CALLBACK], ...options,
  });
  provider = providerFor();
}

beforeEach(async () => {
  clock.now = START;
  await startMock();
});

afterEach(async () => {
  await mock.close();
});

async function link(institutionId = "FI:Mock Bank", input: { accountType?: string; connectionRef?: string } = {}) {
  const { redirectUrl } = await provider.createLinkSession({ providerInstitutionId: institutionId, redirectUri: CALLBACK, state: "state-123", ...input });
  const callback = await mock.followConsent(redirectUrl);
  expect(callback.searchParams.get("state")).toBe("state-123");
  return provider.completeLink({ callbackParams: callback.searchParams });
}

async function collect(session: RefreshSession, providerAccountId: string, from = "2025-05-01", to = "2025-06-15") {
  const pages: ProviderTransaction[][] = [];
  for await (const page of provider.getTransactions(session, { providerAccountId, from, to })) pages.push(page);
  return pages;
}

describe("institutions", () => {
  it("lists the ASPSPs with country, BIC, logo, beta flag and account types", async () => {
    const institutions = await provider.listInstitutions();
    expect(institutions).toEqual([
      expect.objectContaining({
        provider: "enablebanking", providerInstitutionId: "FI:Mock Bank", name: "Mock Bank", country: "FI", bic: "MOCKFIHH",
        logoUrl: "https://enablebanking.com/brands/FI/Mock/", beta: false, accountTypes: ["personal", "business"], available: true,
      }),
      expect.objectContaining({ providerInstitutionId: "SE:Beta Bank: Business", bic: null, beta: true, accountTypes: ["business"] }),
    ]);
  });
});

describe("the full cycle", () => {
  it("connects, reads accounts and transactions, updates credentials keeping the account ids, and revokes", async () => {
    const linked = await link("FI:Mock Bank", { accountType: "business" });
    expect(linked.consentExpiresAt?.toISOString()).toBe(new Date(START.getTime() + 180 * DAY_MS).toISOString());
    expect(linked.accounts.map((a) => [a.name, a.iban, a.currency, a.type])).toEqual([
      ["Main account", MAIN_IBAN, "EUR", "current"],
      ["Savings", SAVINGS_IBAN, "EUR", "savings"],
    ]);
    const mainId = identificationHash(MAIN_IBAN);
    expect(linked.accounts[0]!.providerAccountId).toBe(mainId);

    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    expect(session.expiresAt).toBe(linked.consentExpiresAt!.toISOString());
    const accounts = await provider.getAccounts(session);
    expect(accounts.map((a) => [a.name, a.balance?.amount, a.balance?.currency])).toEqual([
      ["Main account", "1234.56", "EUR"],
      ["Savings", "-5.00", "EUR"],
    ]);
    expect(accounts[0]!.balance?.asOf.toISOString()).toBe("2025-06-14T00:00:00.000Z");

    const pages = await collect(session, mainId);
    // Six entries in the window at two a page: the adapter followed the continuation keys.
    expect(pages.length).toBeGreaterThan(1);
    expect(mock.requests.filter((r) => r.path.endsWith("/transactions") && r.query.continuation_key).length).toBeGreaterThan(0);
    const lines = pages.flat();
    const posted = lines.filter((t) => t.status === "posted");
    expect(posted.map((t) => [t.bookingDate, t.amount, t.description, t.partnerName])).toEqual([
      ["2025-06-01", "-12.50", "RF07850352502356628678117 Gift for Alex", "Alex Gifts Oy"],
      ["2025-06-02", "1500.00", "Invoice 1001", "Customer Ab"],
      ["2025-06-03", "-3.50", "Coffee", "Cafe Helsinki"],
      ["2025-06-03", "-3.50", "Coffee", "Cafe Helsinki"],
      ["2025-06-10", "0.10", "Interest", null],
    ]);
    expect(posted[0]).toMatchObject({ providerTransactionId: "5561990681", valueDate: "2025-05-31", partnerAccount: "FI1737631867613465", reference: "RF07850352502356628678117" });
    expect(posted[1]).toMatchObject({ partnerAccount: "SE4550000000058398257466" });
    // The two coffees have no entry reference: two distinct ids, neither the unstable transaction_id.
    expect(new Set([posted[2]!.providerTransactionId, posted[3]!.providerTransactionId]).size).toBe(2);
    expect([posted[2]!.providerTransactionId, posted[3]!.providerTransactionId]).not.toContain("tx-a");
    expect(lines.filter((t) => t.status === "pending").map((t) => [t.bookingDate, t.amount, t.partnerName])).toEqual([["2025-06-14", "-40.00", "Fuel Station"]]);
    expect(lines.some((t) => t.description === "Cancelled order")).toBe(false);

    // Update credentials: a new session, new uids at Enable Banking, the same accounts and transaction ids for us.
    const relinked = await link("FI:Mock Bank", { connectionRef: linked.connectionRef });
    expect(relinked.connectionRef).not.toBe(linked.connectionRef);
    expect(relinked.accounts.map((a) => a.providerAccountId)).toEqual(linked.accounts.map((a) => a.providerAccountId));
    const session2 = await provider.openRefresh({ connectionRef: relinked.connectionRef, background: false });
    const again = (await collect(session2, mainId)).flat();
    expect(again.map((t) => t.providerTransactionId)).toEqual(lines.map((t) => t.providerTransactionId));

    await expect(provider.revoke(relinked.connectionRef)).resolves.toEqual({ deletedAtProvider: true, message: null });
    expect(mock.sessionStatus(relinked.connectionRef)).toBe("CLOSED");
    await expect(provider.openRefresh({ connectionRef: relinked.connectionRef, background: true })).rejects.toBeInstanceOf(ConsentExpired);
    await expect(collect(session2, mainId)).rejects.toMatchObject({ code: "consent_expired", providerCode: "CLOSED_SESSION" });
    // Revoking what Enable Banking no longer knows succeeds.
    await expect(provider.revoke("00000000-0000-0000-0000-000000000000")).resolves.toMatchObject({ deletedAtProvider: true });
  });

  it("asks for no longer a consent than the bank allows", async () => {
    await mock.close();
    const banks = mockBanks();
    banks[1]!.accounts = banks[0]!.accounts;
    await startMock({ banks });
    const linked = await link("SE:Beta Bank: Business", { accountType: "business" });
    expect(linked.consentExpiresAt?.toISOString()).toBe(new Date(START.getTime() + 90 * DAY_MS).toISOString());
  });

  it("turns a refusal at the bank into ConsentRefused, and a used code into a rejection", async () => {
    const { redirectUrl } = await provider.createLinkSession({ providerInstitutionId: "FI:Mock Bank", redirectUri: CALLBACK, state: "s" });
    const refused = await mock.followConsent(redirectUrl, "deny");
    await expect(provider.completeLink({ callbackParams: refused.searchParams })).rejects.toBeInstanceOf(ConsentRefused);

    const second = await provider.createLinkSession({ providerInstitutionId: "FI:Mock Bank", redirectUri: CALLBACK, state: "s" });
    const callback = await mock.followConsent(second.redirectUrl);
    await provider.completeLink({ callbackParams: callback.searchParams });
    await expect(provider.completeLink({ callbackParams: callback.searchParams })).rejects.toMatchObject({
      code: "provider_rejected", providerCode: "ALREADY_AUTHORIZED",
    });
  });

  it("refuses a bank Enable Banking does not list and a callback address the application does not allow", async () => {
    await expect(provider.createLinkSession({ providerInstitutionId: "FI:Gone Bank", redirectUri: CALLBACK, state: "s" })).rejects.toBeInstanceOf(
      InstitutionUnavailable,
    );
    await expect(
      provider.createLinkSession({ providerInstitutionId: "FI:Mock Bank", redirectUri: "https://evil.example/cb", state: "s" }),
    ).rejects.toMatchObject({ code: "provider_rejected", providerCode: "REDIRECT_URI_NOT_ALLOWED" });
  });
});

describe("application JWT", () => {
  it("is refused by the mock when signed with another key or for another application", async () => {
    const otherKey = providerFor({ privateKey: keyPair().privatePem });
    await expect(otherKey.listInstitutions()).rejects.toMatchObject({ code: "provider_rejected", providerCode: "UNAUTHORIZED_ACCESS", httpStatus: 401 });
    const otherApp = providerFor({ applicationId: "another-application" });
    await expect(otherApp.listInstitutions()).rejects.toMatchObject({ providerCode: "UNAUTHORIZED_ACCESS" });
  });

  it("is required, and one living longer than 24 hours is refused", async () => {
    const none = await fetch(`${mock.baseUrl}/aspsps`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: "AUTHORIZATION_NOT_PROVIDED" });

    const { createPrivateKey } = await import("node:crypto");
    const long = signApplicationJwt({ applicationId: APP_ID, privateKey: createPrivateKey(appKeys.privatePem), now: clock.now, lifetimeSeconds: 86_401 });
    const refused = await fetch(`${mock.baseUrl}/aspsps`, { headers: { authorization: `Bearer ${long}` } });
    expect(refused.status).toBe(401);
    const day = signApplicationJwt({ applicationId: APP_ID, privateKey: createPrivateKey(appKeys.privatePem), now: clock.now, lifetimeSeconds: 86_400 });
    expect((await fetch(`${mock.baseUrl}/aspsps`, { headers: { authorization: `Bearer ${day}` } })).status).toBe(200);
  });

  it("is renewed when the cached one nears expiry", async () => {
    await provider.listInstitutions();
    clock.now = new Date(START.getTime() + 2 * 60 * 60 * 1000);
    // The mock refuses expired tokens: this passes only if a new one was signed.
    await expect(provider.listInstitutions()).resolves.toHaveLength(2);
  });

  it("is not attempted without configuration", async () => {
    await expect(providerFor({ applicationId: "", privateKey: "" }).listInstitutions()).rejects.toMatchObject({ providerCode: "not_configured" });
  });
});

describe("failures", () => {
  async function connected() {
    const linked = await link();
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    return { linked, session, mainId: identificationHash(MAIN_IBAN) };
  }

  it("maps the bank's daily PSD2 allowance (HTTP 429) to RateLimited with its retry time", async () => {
    await mock.close();
    await startMock({ unattendedCallsPerDay: 2 });
    const { session, mainId } = await connected();
    await collect(session, mainId);
    await collect(session, mainId);
    const error = await collect(session, mainId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).retryAfter?.toISOString()).toBe("2025-06-16T00:00:00.000Z");
  });

  it("maps an injected 429 without Retry-After to RateLimited with no time", async () => {
    const { session } = await connected();
    mock.failNext(/\/details$/, { status: 429, error: "ASPSP_RATE_LIMIT_EXCEEDED" });
    const error = await provider.getAccounts(session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).retryAfter).toBeNull();
  });

  it("reports an expired or revoked consent as ConsentExpired", async () => {
    const { linked, session, mainId } = await connected();
    clock.now = new Date(START.getTime() + 181 * DAY_MS);
    await expect(provider.openRefresh({ connectionRef: linked.connectionRef, background: true })).rejects.toBeInstanceOf(ConsentExpired);
    await expect(collect(session, mainId)).rejects.toMatchObject({ code: "consent_expired", providerCode: "EXPIRED_SESSION" });

    clock.now = START;
    const other = await link();
    mock.revokeSession(other.connectionRef);
    await expect(provider.openRefresh({ connectionRef: other.connectionRef, background: true })).rejects.toMatchObject({
      code: "consent_expired", providerCode: "REVOKED",
    });
  });

  it("maps bank-side errors to the typed errors", async () => {
    const { session, mainId } = await connected();
    mock.failNext(/\/transactions$/, { status: 502, error: "ASPSP_ERROR" });
    await expect(collect(session, mainId)).rejects.toBeInstanceOf(InstitutionUnavailable);
    mock.failNext(/\/transactions$/, { status: 400, error: "ASPSP_PSU_ACTION_REQUIRED" });
    await expect(collect(session, mainId)).rejects.toBeInstanceOf(InvalidCredentials);
    mock.failNext(/\/balances$/, { status: 504, error: "ASPSP_TIMEOUT" });
    await expect(provider.getAccounts(session)).rejects.toBeInstanceOf(ProviderTransient);
    await expect(collect(session, "not-an-account-of-this-consent")).rejects.toBeInstanceOf(ConsentExpired);
  });

  it("leaves out an account the bank has blocked or closed, and reads the others", async () => {
    const { session } = await connected();
    mock.failNext(/\/details$/, { status: 403, error: "ASPSP_ACCOUNT_NOT_ACCESSIBLE" });
    expect((await provider.getAccounts(session)).map((a) => a.iban)).toEqual([SAVINGS_IBAN]);
  });

  it("treats a malformed or unexpected answer as transient", async () => {
    const { session, mainId } = await connected();
    mock.malformNext(/\/transactions$/);
    await expect(collect(session, mainId)).rejects.toMatchObject({ code: "provider_transient", providerCode: "invalid_response" });
    mock.malformNext(/\/sessions\//, "wrong_shape");
    await expect(provider.openRefresh({ connectionRef: session.connectionRef, background: true })).rejects.toMatchObject({
      code: "provider_transient", providerCode: "invalid_response",
    });
  });

  it("gives up on a slow answer with ProviderTransient", async () => {
    provider = providerFor({ timeoutMs: 300 });
    mock.delayNext(/^\/aspsps$/, 1_500);
    await expect(provider.listInstitutions()).rejects.toMatchObject({ code: "provider_transient", providerCode: "timeout" });
  });

  it("has no webhooks to verify", () => {
    expect(() => provider.verifyWebhook(new Headers(), "{}")).toThrow(InvalidWebhook);
  });

  it("rejects an unknown institution id format before calling Enable Banking", async () => {
    await expect(provider.createLinkSession({ providerInstitutionId: "Mock Bank", redirectUri: CALLBACK, state: "s" })).rejects.toBeInstanceOf(
      ProviderRejected,
    );
  });
});
