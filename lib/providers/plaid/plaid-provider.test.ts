/**
 * The Plaid adapter against the contract mock over HTTP: the mock checks the client id and
 * secret of every call, so a passing test also proves the authentication; its Link
 * stand-in plays the user the way our Link page hands the result back.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ConsentExpired,
  InstitutionUnavailable,
  InvalidCredentials,
  InvalidWebhook,
  ProviderRejected,
  ProviderTransient,
  RateLimited,
} from "@/lib/providers/errors";
import type { Provider, ProviderTransaction, RefreshSession } from "@/lib/providers/types";
import { plaidConfig, type PlaidConfig } from "./config";
import { createPlaidProvider } from "./plaid-provider";
import { LOGO, mockInstitutions } from "./testing/fixtures";
import { servePlaidMock, type PlaidMock } from "./testing/mock-server";
import { clearVerificationKeyCache } from "./webhook";

const CLIENT_ID = "65f0c0ffee0000000000abcd";
const SECRET = "sandbox-secret-0123456789";
const CALLBACK = "https://app.example/connect/callback";
const START = new Date("2025-06-15T10:00:00.000Z");
const clock = { now: START };

let mock: PlaidMock;
let provider: Provider;

function providerFor(overrides: Partial<PlaidConfig> = {}): Provider {
  const config = plaidConfig({ PLAID_CLIENT_ID: CLIENT_ID, PLAID_SECRET: SECRET, PLAID_BASE_URL: mock.baseUrl, PLAID_LINK_PAGE_URL: `${mock.baseUrl}/link/stand-in` });
  return createPlaidProvider({ ...config, timeoutMs: 5_000, ...overrides }, { now: () => clock.now });
}

beforeEach(async () => {
  clock.now = START;
  clearVerificationKeyCache();
  mock = await servePlaidMock({ clientId: CLIENT_ID, secret: SECRET, institutions: mockInstitutions(), now: () => clock.now, maxSyncPage: 3 });
  provider = providerFor();
});

afterEach(async () => {
  await mock.close();
});

async function link(input: { connectionRef?: string; exit?: string } = {}) {
  const { redirectUrl } = await provider.createLinkSession({
    providerInstitutionId: "ins_109508", redirectUri: CALLBACK, state: "state-123", customerRef: "company-1",
    webhookUrl: "https://app.example/api/webhooks/plaid", connectionRef: input.connectionRef,
  });
  const callback = await mock.followLink(redirectUrl, { institutionId: "ins_109508", exit: input.exit });
  expect(callback.origin + callback.pathname).toBe(CALLBACK);
  expect(callback.searchParams.get("state")).toBe("state-123");
  return provider.completeLink({ callbackParams: callback.searchParams, connectionRef: input.connectionRef });
}

async function collect(session: RefreshSession, providerAccountId: string, from = "2025-05-01", to = "2025-06-15") {
  const pages: ProviderTransaction[][] = [];
  for await (const page of provider.getTransactions(session, { providerAccountId, from, to })) pages.push(page);
  return pages;
}

async function firstSync(connectionRef: string, accountId: string) {
  const session = await provider.openRefresh({ connectionRef, background: true });
  const lines = (await collect(session, accountId)).flat();
  return { lines, cursor: provider.cursorAfter!(session) };
}

describe("configuration", () => {
  it("is offered only with a client id and a secret, and defaults to the sandbox, US and transactions", async () => {
    const { isPlaidEnabled } = await import("./config");
    expect(isPlaidEnabled({ PLAID_CLIENT_ID: "id" })).toBe(false);
    expect(isPlaidEnabled({ PLAID_CLIENT_ID: "id", PLAID_SECRET: "s" })).toBe(true);
    expect(plaidConfig({})).toMatchObject({ baseUrl: "https://sandbox.plaid.com", countryCodes: ["US"], products: ["transactions"], linkPageUrl: "/connect/plaid" });
    expect(plaidConfig({ PLAID_ENV: "production", PLAID_COUNTRY_CODES: "us, ca" })).toMatchObject({ baseUrl: "https://production.plaid.com", countryCodes: ["US", "CA"] });
  });
});

describe("institutions", () => {
  it("pages through /institutions/get for the configured countries, with the logo as a data URL", async () => {
    const institutions = await providerFor({ countryCodes: ["US", "CA"] }).listInstitutions();
    expect(institutions.map((i) => [i.providerInstitutionId, i.name, i.country])).toEqual([
      ["ins_109508", "First Platypus Bank", "US"],
      ["ins_down", "Down Credit Union", "US"],
    ]);
    expect(institutions[0]).toMatchObject({ provider: "plaid", logoUrl: `data:image/png;base64,${LOGO}`, bic: null, beta: false, maxHistoryDays: 730, available: true });
    const asked = mock.requests.find((r) => r.path === "/institutions/get");
    expect(asked?.body).toMatchObject({ client_id: CLIENT_ID, country_codes: ["US", "CA"], options: { products: ["transactions"], include_optional_metadata: true } });
  });

  it("refuses to start Link for an institution Plaid reports down", async () => {
    await expect(provider.createLinkSession({ providerInstitutionId: "ins_down", redirectUri: CALLBACK, state: "s" })).rejects.toBeInstanceOf(InstitutionUnavailable);
  });
});

describe("the full cycle", () => {
  it("links an Item, reads accounts and transactions, repairs the login in update mode keeping everything, and removes the Item", async () => {
    const linked = await link();
    const item = mock.item(linked.connectionRef);
    expect(linked.webhookRef).toBe(item.id);
    expect(item.webhook).toBe("https://app.example/api/webhooks/plaid");
    const tokenRequest = mock.requests.find((r) => r.path === "/link/token/create");
    expect(tokenRequest?.body).toMatchObject({ user: { client_user_id: "company-1" }, products: ["transactions"], transactions: { days_requested: 730 }, country_codes: ["US"] });
    expect(linked.accounts.map((a) => [a.name, a.accountNumber, a.type, a.balance?.amount, a.currency])).toEqual([
      ["Plaid Gold Standard 0% Interest Checking", "••••0000", "checking", "110.50", "USD"],
      // A credit card's "current" is what is owed: a negative balance for us.
      ["Plaid Diamond 12.5% APR Interest Credit Card", "••••3333", "credit card", "-410.00", "USD"],
    ]);
    const checking = linked.accounts[0]!.providerAccountId;

    const { lines, cursor } = await firstSync(linked.connectionRef, checking);
    // Eight lines at three a page: the adapter followed has_more.
    expect(mock.requests.filter((r) => r.path === "/transactions/sync").length).toBeGreaterThan(2);
    expect(mock.requests.filter((r) => r.path === "/transactions/sync").every((r) => (r.body.options as { account_id: string }).account_id === checking)).toBe(true);
    expect(lines.map((t) => [t.bookingDate, t.status, t.amount, t.description, t.partnerName])).toEqual([
      ["2025-06-01", "posted", "-12.10", "Coffee Shop", "Starbucks"],
      ["2025-06-02", "posted", "1500.00", "ACH Deposit Invoice 1001", "Customer Inc"],
      ["2025-06-03", "posted", "-3.50", "Coffee", "Blue Bottle"],
      ["2025-06-03", "posted", "-3.50", "Coffee", "Blue Bottle"],
      ["2025-06-04", "posted", "-0.01", "Bank fee", null],
      ["2025-06-14", "pending", "-40.00", "Gas Station", "Shell"],
    ]);
    expect(lines[1]!.reference).toBe("INV-1001");
    // The 2024 line is outside the asked window on a first read.
    expect(lines.some((t) => t.description === "Old line")).toBe(false);
    expect(JSON.parse(cursor!)).toEqual({ [checking]: expect.any(String) });

    mock.requireLogin(item.id);
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true, cursor });
    await expect(provider.getAccounts(session)).rejects.toBeInstanceOf(InvalidCredentials);

    const repaired = await link({ connectionRef: linked.connectionRef });
    const updateRequest = mock.requests.filter((r) => r.path === "/link/token/create").at(-1)!;
    expect(updateRequest.body).toMatchObject({ access_token: linked.connectionRef });
    expect(updateRequest.body.products).toBeUndefined();
    expect(mock.requests.filter((r) => r.path === "/item/public_token/exchange")).toHaveLength(1);
    expect(repaired.connectionRef).toBe(linked.connectionRef);
    expect(repaired.webhookRef).toBe(item.id);
    expect(repaired.accounts.map((a) => a.providerAccountId)).toEqual(linked.accounts.map((a) => a.providerAccountId));
    await expect(provider.getAccounts(session)).resolves.toHaveLength(2);

    await expect(provider.revoke(linked.connectionRef)).resolves.toEqual({ deletedAtProvider: true, message: null });
    expect(mock.item(linked.connectionRef).removed).toBe(true);
    await expect(provider.getAccounts(session)).rejects.toBeInstanceOf(ConsentExpired);
    await expect(provider.revoke(linked.connectionRef)).resolves.toMatchObject({ deletedAtProvider: true });
  });

  it("reports the user leaving Link, and a public token used twice", async () => {
    await expect(link({ exit: "USER_EXIT" })).rejects.toBeInstanceOf(ProviderRejected);
    await expect(link({ exit: "INVALID_CREDENTIALS" })).rejects.toBeInstanceOf(InvalidCredentials);
    const { redirectUrl } = await provider.createLinkSession({ providerInstitutionId: "ins_109508", redirectUri: CALLBACK, state: "s" });
    const callback = await mock.followLink(redirectUrl);
    await provider.completeLink({ callbackParams: callback.searchParams });
    await expect(provider.completeLink({ callbackParams: callback.searchParams })).rejects.toMatchObject({ code: "provider_rejected", providerCode: "INVALID_PUBLIC_TOKEN" });
  });

  it("links a new Item when the connection's Item no longer exists at Plaid", async () => {
    const linked = await link();
    await provider.revoke(linked.connectionRef);
    const relinked = await link({ connectionRef: linked.connectionRef });
    expect(relinked.connectionRef).not.toBe(linked.connectionRef);
    expect(relinked.webhookRef).not.toBe(mock.item(linked.connectionRef).id);
  });
});

describe("the sync cursor", () => {
  it("continues from the stored cursor: new lines whatever their date, a pending line that posts, a removed line", async () => {
    const linked = await link();
    const checking = linked.accounts[0]!.providerAccountId;
    const itemId = mock.item(linked.connectionRef).id;
    const first = await firstSync(linked.connectionRef, checking);
    const pendingId = first.lines.find((t) => t.status === "pending")!.providerTransactionId;
    const feeId = first.lines.find((t) => t.description === "Bank fee")!.providerTransactionId;

    mock.addTransaction(itemId, 0, { amount: 7.25, iso_currency_code: "USD", date: "2025-06-15", name: "Lunch", pending: false });
    // Posted late, dated before the newest line we hold: a date window would miss it.
    mock.addTransaction(itemId, 0, { amount: 1.99, iso_currency_code: "USD", date: "2025-06-02", name: "Late posting", pending: false });
    const postedId = mock.postPending(itemId, pendingId, { date: "2025-06-15" });
    mock.removeTransaction(itemId, feeId);
    mock.addTransaction(itemId, 1, { amount: 5, iso_currency_code: "USD", date: "2025-06-15", name: "Other account", pending: false });

    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true, cursor: first.cursor });
    const lines = (await collect(session, checking, "2025-06-15", "2025-06-15")).flat();
    // Three changes a page: each page is sorted by date, the pages come in Plaid's order.
    expect(lines.filter((t) => t.status === "removed").map((t) => t.providerTransactionId).sort()).toEqual([pendingId, feeId].sort());
    expect(lines.filter((t) => t.status !== "removed").map((t) => [t.status, t.bookingDate, t.description]).sort()).toEqual([
      ["posted", "2025-06-02", "Late posting"],
      ["posted", "2025-06-15", "Gas Station"],
      ["posted", "2025-06-15", "Lunch"],
    ]);
    const posted = lines.find((t) => t.description === "Gas Station")!;
    expect(posted.providerTransactionId).toBe(postedId);
    expect((posted.raw as { pending_transaction_id: string }).pending_transaction_id).toBe(pendingId);
    const next = provider.cursorAfter!(session);
    expect(next).not.toBe(first.cursor);

    // Nothing new: an empty read, and the cursor stays where it is.
    const again = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true, cursor: next });
    expect((await collect(again, checking)).flat()).toEqual([]);
    expect(JSON.parse(provider.cursorAfter!(again)!)).toEqual(JSON.parse(next!));
  });

  it("restarts the update from its first cursor when Plaid's data changes during pagination", async () => {
    const linked = await link();
    const checking = linked.accounts[0]!.providerAccountId;
    const first = await firstSync(linked.connectionRef, checking);
    const itemId = mock.item(linked.connectionRef).id;
    for (let i = 0; i < 5; i++) mock.addTransaction(itemId, 0, { amount: i + 1, iso_currency_code: "USD", date: "2025-06-15", name: `Line ${i}`, pending: false });
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true, cursor: first.cursor });
    mock.mutateDuringNextPagination();
    const lines = (await collect(session, checking)).flat();
    // The first cursor was used twice: once before the failure, once to restart.
    const cursors = mock.requests.filter((r) => r.path === "/transactions/sync").slice(-4).map((r) => r.body.cursor);
    expect(cursors.filter((c) => c === JSON.parse(first.cursor!)[checking]).length).toBe(2);
    expect(new Set(lines.map((t) => t.description))).toEqual(new Set(["Line 0", "Line 1", "Line 2", "Line 3", "Line 4"]));
  });

  it("says Plaid is not ready rather than reporting an empty success", async () => {
    const linked = await link();
    mock.setReady(mock.item(linked.connectionRef).id, false);
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    await expect(collect(session, linked.accounts[0]!.providerAccountId)).rejects.toMatchObject({ code: "provider_transient", providerCode: "PRODUCT_NOT_READY" });
    expect(provider.cursorAfter!(session)).toBeNull();
  });
});

describe("errors", () => {
  it("maps Plaid's errors: rate limit, institution down, product not ready, bad keys", async () => {
    const linked = await link();
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    mock.failNext("/accounts/get", { status: 429, errorType: "RATE_LIMIT_EXCEEDED", errorCode: "ACCOUNTS_LIMIT" });
    await expect(provider.getAccounts(session)).rejects.toBeInstanceOf(RateLimited);
    mock.failNext("/accounts/get", { status: 400, errorType: "INSTITUTION_ERROR", errorCode: "INSTITUTION_NOT_RESPONDING" });
    await expect(provider.getAccounts(session)).rejects.toBeInstanceOf(InstitutionUnavailable);
    mock.failNext("/transactions/sync", { status: 400, errorType: "ITEM_ERROR", errorCode: "PRODUCT_NOT_READY" });
    await expect(collect(session, linked.accounts[0]!.providerAccountId)).rejects.toBeInstanceOf(ProviderTransient);
    mock.failNext("/accounts/get", { status: 500, errorType: "API_ERROR", errorCode: "INTERNAL_SERVER_ERROR" });
    await expect(provider.getAccounts(session)).rejects.toBeInstanceOf(ProviderTransient);
    await expect(providerFor({ secret: "wrong" }).listInstitutions()).rejects.toMatchObject({ code: "provider_rejected", providerCode: "INVALID_API_KEYS" });
  });

  it("turns malformed answers and timeouts into transient errors", async () => {
    mock.malformNext("/institutions/get");
    await expect(provider.listInstitutions()).rejects.toMatchObject({ code: "provider_transient", providerCode: "invalid_response" });
    mock.malformNext("/institutions/get", "wrong_shape");
    await expect(provider.listInstitutions()).rejects.toMatchObject({ code: "provider_transient", providerCode: "invalid_response" });
    mock.delayNext("/institutions/get", 500);
    await expect(providerFor({ timeoutMs: 100 }).listInstitutions()).rejects.toMatchObject({ code: "provider_transient", providerCode: "timeout" });
  });
});

describe("webhooks", () => {
  const body = JSON.stringify({ webhook_type: "TRANSACTIONS", webhook_code: "SYNC_UPDATES_AVAILABLE", item_id: "item-1", initial_update_complete: true, historical_update_complete: true, environment: "sandbox" });

  it("accepts a signed delivery, fetching the key once and caching it", async () => {
    const webhook = await provider.verifyWebhook(mock.signWebhook(body), body, clock.now);
    expect(webhook).toMatchObject({ provider: "plaid", kind: "transactions_available", providerType: "TRANSACTIONS.SYNC_UPDATES_AVAILABLE", connectionRef: "item-1" });
    await providerFor().verifyWebhook(mock.signWebhook(body), body, clock.now);
    expect(mock.requests.filter((r) => r.path === "/webhook_verification_key/get")).toHaveLength(1);

    const login = JSON.stringify({ webhook_type: "ITEM", webhook_code: "ERROR", item_id: "item-1", error: { error_type: "ITEM_ERROR", error_code: "ITEM_LOGIN_REQUIRED" }, environment: "sandbox" });
    expect((await provider.verifyWebhook(mock.signWebhook(login), login, clock.now)).kind).toBe("login_required");
    const expiring = JSON.stringify({ webhook_type: "ITEM", webhook_code: "PENDING_EXPIRATION", item_id: "item-1", consent_expiration_time: "2025-07-01T00:00:00Z", environment: "sandbox" });
    expect((await provider.verifyWebhook(mock.signWebhook(expiring), expiring, clock.now)).kind).toBe("consent_expiring");
  });

  it("rejects forged, stale, altered, unsigned and expired-key deliveries", async () => {
    await expect(provider.verifyWebhook(mock.signWebhook(body, { foreignKey: true }), body, clock.now)).rejects.toMatchObject({ providerCode: "bad_signature" });
    const sixMinutesAgo = Math.floor(clock.now.getTime() / 1000) - 6 * 60;
    await expect(provider.verifyWebhook(mock.signWebhook(body, { iat: sixMinutesAgo }), body, clock.now)).rejects.toMatchObject({ providerCode: "stale" });
    await expect(provider.verifyWebhook(mock.signWebhook(body), body.replace("item-1", "item-2"), clock.now)).rejects.toMatchObject({ providerCode: "body_mismatch" });
    await expect(provider.verifyWebhook(mock.signWebhook(body, { bodyHash: "0".repeat(64) }), body, clock.now)).rejects.toMatchObject({ providerCode: "body_mismatch" });
    await expect(provider.verifyWebhook(mock.signWebhook(body, { kid: "no-such-key" }), body, clock.now)).rejects.toMatchObject({ providerCode: "unknown_key" });
    await expect(provider.verifyWebhook(new Headers(), body, clock.now)).rejects.toBeInstanceOf(InvalidWebhook);
    const none = `${Buffer.from(JSON.stringify({ alg: "none", kid: mock.currentKid })).toString("base64url")}.${Buffer.from("{}").toString("base64url")}.`;
    await expect(provider.verifyWebhook(new Headers({ "plaid-verification": none }), body, clock.now)).rejects.toBeInstanceOf(InvalidWebhook);

    const oldKid = mock.currentKid;
    await provider.verifyWebhook(mock.signWebhook(body), body, clock.now);
    mock.expireKey(oldKid);
    clearVerificationKeyCache();
    await expect(provider.verifyWebhook(mock.signWebhook(body), body, clock.now)).rejects.toMatchObject({ providerCode: "expired_key" });
    mock.rotateKey();
    await expect(provider.verifyWebhook(mock.signWebhook(body), body, clock.now)).resolves.toMatchObject({ kind: "transactions_available" });
  });
});
