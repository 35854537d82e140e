/**
 * The Salt Edge adapter against the contract mock over HTTP. The mock verifies every
 * request's Signature with the app's public key, so a passing test also proves the signing.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlreadyConnected, ConsentExpired, ConsentRefused, InvalidWebhook, MfaRequired, ProviderRejected, ProviderTransient } from "@/lib/providers/errors";
import type { Provider, ProviderTransaction, RefreshSession } from "@/lib/providers/types";
import type { SaltEdgeConfig } from "./config";
import { clearSaltEdgeCustomerMemory, createSaltEdgeProvider } from "./saltedge-provider";
import { MAIN_IBAN, mockBanks } from "./testing/fixtures";
import { serveSaltEdgeMock, type SaltEdgeMock } from "./testing/mock-server";

const APP_ID = "app-id-123";
const SECRET = "secret-456";
const START = new Date("2025-06-15T10:00:00.000Z");
const CALLBACK = "https://app.example/connect/callback";
const WEBHOOK_URL = "https://app.example/api/webhooks/saltedge";
const clock = { now: START };
const appKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privatePem = appKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();

let mock: SaltEdgeMock;
let provider: Provider;

function providerFor(overrides: Partial<SaltEdgeConfig> = {}): Provider {
  return createSaltEdgeProvider(
    {
      appId: APP_ID, secret: SECRET, privateKey: privatePem, callbackPublicKey: mock.callbackPublicKeyPem, callbackUrl: WEBHOOK_URL,
      baseUrl: mock.baseUrl, timeoutMs: 5_000, refreshWaitMs: 2_000, refreshPollMs: 1, historyDays: 365, ...overrides,
    },
    { now: () => clock.now },
  );
}

beforeEach(async () => {
  clock.now = START;
  clearSaltEdgeCustomerMemory();
  mock = await serveSaltEdgeMock({ appId: APP_ID, secret: SECRET, appPublicKey: appKeys.publicKey, banks: mockBanks(), now: () => clock.now, pageSize: 2 });
  provider = providerFor();
});

afterEach(async () => {
  await mock.close();
});

async function link(bank = "fakebank_simple_xf", input: { connectionRef?: string; login?: string; customerRef?: string } = {}) {
  const { redirectUrl } = await provider.createLinkSession({
    providerInstitutionId: bank, redirectUri: CALLBACK, state: "state-123", customerRef: input.customerRef ?? "company-1", connectionRef: input.connectionRef,
  });
  const back = await mock.followConnect(redirectUrl, { login: input.login });
  expect(back.origin + back.pathname).toBe(CALLBACK);
  expect(back.searchParams.get("state")).toBe("state-123");
  return provider.completeLink({ callbackParams: back.searchParams });
}

async function collect(session: RefreshSession, providerAccountId: string, from = "2025-05-01", to = "2025-06-15") {
  const pages: ProviderTransaction[][] = [];
  for await (const page of provider.getTransactions(session, { providerAccountId, from, to })) pages.push(page);
  return pages;
}

describe("institutions", () => {
  it("lists Salt Edge's providers with country, BIC, logo, history, status and background refresh, across pages", async () => {
    const institutions = await provider.listInstitutions();
    expect(institutions.map((i) => [i.providerInstitutionId, i.country, i.bic, i.maxHistoryDays, i.available, i.supportsBackgroundRefresh])).toEqual([
      ["fakebank_simple_xf", "XF", "FAKEXF22", 365, true, true],
      ["fake_interactive_xf", "XF", null, 90, true, false],
      ["down_bank_gb", "GB", "DOWNGB2L", 730, false, true],
    ]);
    expect(institutions[0]!.logoUrl).toContain("fake.svg");
    expect(mock.requests.filter((r) => r.path.endsWith("/providers") && r.query.from_id).length).toBeGreaterThan(0);
  });
});

describe("the full cycle", () => {
  it("connects, reads accounts and transactions, reconnects onto the same connection, and revokes", async () => {
    const linked = await link();
    expect(linked.consentExpiresAt?.toISOString()).toBe(new Date(START.getTime() + 90 * 86_400_000).toISOString());
    expect(linked.accounts.map((a) => [a.providerAccountId, a.name, a.iban, a.accountNumber, a.type, a.balance?.amount])).toEqual([
      ["2001", "Business current", MAIN_IBAN, MAIN_IBAN, "account", "2012.70"],
      ["2002", "Credit card", null, "4111 **** 1111", "credit_card", "-120.45"],
    ]);

    // Connecting fetched the data: Salt Edge holds it and refreshes again only an hour later.
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: false });
    expect(session.refresh).toEqual({ refreshedNow: false, nextPossibleAt: new Date(START.getTime() + 60 * 60_000).toISOString() });
    expect(mock.requests.some((r) => r.path.endsWith("/background_refresh"))).toBe(false);
    const accounts = await provider.getAccounts(session);
    expect(accounts.map((a) => a.balance?.amount)).toEqual(["2012.70", "-120.45"]);

    const pages = await collect(session, "2001");
    expect(mock.requests.filter((r) => r.path.endsWith("/transactions") && r.query.from_id).length).toBeGreaterThan(0);
    const lines = pages.flat();
    expect(lines.filter((t) => t.status === "posted").map((t) => [t.providerTransactionId, t.bookingDate, t.amount, t.partnerName, t.reference])).toEqual([
      ["3001", "2025-06-01", "1500.00", "Customer Ltd", "E2E-1001"],
      ["3002", "2025-06-02", "-1.00", "Bank", null],
      ["3003", "2025-06-03", "-3.50", "Cafe London", null],
    ]);
    expect(lines.find((t) => t.providerTransactionId === "3002")?.valueDate).toBe("2025-06-04");
    expect(lines.filter((t) => t.status === "pending").map((t) => [t.providerTransactionId, t.amount])).toEqual([["3005", "-42.00"]]);
    // Each page is oldest first.
    for (const page of pages) expect(page.map((t) => t.bookingDate)).toEqual([...page.map((t) => t.bookingDate)].sort());

    const reconnected = await link("fakebank_simple_xf", { connectionRef: linked.connectionRef });
    expect(reconnected.connectionRef).toBe(linked.connectionRef);
    expect(reconnected.accounts.map((a) => a.providerAccountId)).toEqual(["2001", "2002"]);
    expect(mock.requests.some((r) => r.path.endsWith(`/connections/${linked.connectionRef}/reconnect`))).toBe(true);

    expect(await provider.revoke(linked.connectionRef)).toEqual({ deletedAtProvider: true, message: null });
    expect(mock.connection(linked.connectionRef)?.removed).toBe(true);
    // Revoking again: Salt Edge no longer knows it, which is what revoking wanted.
    expect(await provider.revoke(linked.connectionRef)).toEqual({ deletedAtProvider: true, message: null });
    await expect(provider.openRefresh({ connectionRef: linked.connectionRef, background: true })).rejects.toBeInstanceOf(ConsentExpired);
  });

  it("creates the company's customer once and finds it again after a restart", async () => {
    await link();
    clearSaltEdgeCustomerMemory();
    await link("fake_interactive_xf");
    expect(mock.requests.filter((r) => r.method === "POST" && r.path.endsWith("/customers")).map((r) => r.status)).toEqual([200, 409]);
    expect(mock.requests.some((r) => r.method === "GET" && r.path.endsWith("/customers"))).toBe(true);
  });
});

describe("refresh limits", () => {
  it("reads what Salt Edge holds before next_refresh_possible_at without asking for a refresh, and refreshes after it", async () => {
    const linked = await link();
    const early = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    expect(early.refresh).toEqual({ refreshedNow: false, nextPossibleAt: new Date(START.getTime() + 60 * 60_000).toISOString() });
    expect((await collect(early, "2001")).flat().filter((t) => t.status === "posted")).toHaveLength(3);
    expect(mock.requests.filter((r) => r.path.endsWith("/background_refresh"))).toEqual([]);

    clock.now = new Date(START.getTime() + 61 * 60_000);
    const refreshed = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    expect(refreshed.refresh).toEqual({ refreshedNow: true, nextPossibleAt: new Date(START.getTime() + 121 * 60_000).toISOString() });
    expect(mock.requests.filter((r) => r.path.endsWith("/background_refresh")).map((r) => r.status)).toEqual([200]);
  });

  it("reads what Salt Edge holds when it answers that a refresh is too early", async () => {
    const linked = await link();
    clock.now = new Date(START.getTime() + 61 * 60_000);
    mock.inject(/\/background_refresh$/, { kind: "error", status: 409, errorClass: "ConnectionCannotBeRefreshed" }, true);
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    expect(session.refresh?.refreshedNow).toBe(false);
    expect((await provider.getAccounts(session)).map((a) => a.providerAccountId)).toEqual(["2001", "2002"]);
  });
});

describe("interactive banks", () => {
  it("asks for the SMS code, refuses a wrong one with a new challenge, and goes on with the right one", async () => {
    const linked = await link("fake_interactive_xf");
    clock.now = new Date(START.getTime() + 61 * 60_000);
    const asked = await provider.openRefresh({ connectionRef: linked.connectionRef, background: false }).catch((e: unknown) => e);
    expect(asked).toBeInstanceOf(MfaRequired);
    const challenge = (asked as MfaRequired).challenge;
    expect(challenge.prompt).toBe("Enter the SMS code sent to +44 ***12");

    const wrong = await provider.openRefresh({ connectionRef: linked.connectionRef, background: false, mfa: { challengeId: challenge.id, code: "000000" } }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(MfaRequired);
    expect((wrong as MfaRequired).codeRejected).toBe(true);

    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: false, mfa: { challengeId: challenge.id, code: "123456" } });
    expect((await collect(session, "2101")).flat().map((t) => t.amount)).toEqual(["-10.25"]);
    const interactive = mock.requests.filter((r) => r.path.endsWith("/interactive"));
    expect(interactive.map((r) => [r.method, r.status])).toEqual([["PUT", 406], ["PUT", 200]]);
  });

  it("passes on no prompt when the bank writes no words above the SMS field", async () => {
    const linked = await link("fake_interactive_xf");
    mock.setInteractiveHtml("fake_interactive_xf", null);
    clock.now = new Date(START.getTime() + 61 * 60_000);
    const asked = await provider.openRefresh({ connectionRef: linked.connectionRef, background: false }).catch((e: unknown) => e);
    expect(asked).toBeInstanceOf(MfaRequired);
    expect((asked as MfaRequired).challenge.prompt).toBeNull();
  });
});

describe("errors", () => {
  it("turns Salt Edge's duplicated connection into AlreadyConnected", async () => {
    await link("fakebank_simple_xf", { login: "same-user" });
    const error = await link("fakebank_simple_xf", { login: "same-user" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlreadyConnected);
    expect((error as AlreadyConnected).providerCode).toBe("DuplicatedConnection");
    expect((error as AlreadyConnected).message).toMatch(/already been synchronized/);
  });

  it("an expired consent asks for a reconnect", async () => {
    const linked = await link();
    mock.expireConsent(linked.connectionRef);
    await expect(provider.openRefresh({ connectionRef: linked.connectionRef, background: true })).rejects.toBeInstanceOf(ConsentExpired);
  });

  it("a refused consent page is a refusal, not a crash", async () => {
    const { redirectUrl } = await provider.createLinkSession({ providerInstitutionId: "fakebank_simple_xf", redirectUri: CALLBACK, state: "s", customerRef: "c" });
    const back = await mock.followConnect(redirectUrl, { deny: true });
    await expect(provider.completeLink({ callbackParams: back.searchParams })).rejects.toBeInstanceOf(ConsentRefused);
  });

  it("a bad signature is refused by Salt Edge", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const error = await providerFor({ privateKey: other }).listInstitutions().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRejected);
    expect((error as ProviderRejected).providerCode).toBe("InvalidSignature");
  });

  it("malformed and wrongly shaped answers are transient failures", async () => {
    mock.inject(/\/providers$/, { kind: "malformed" }, true);
    await expect(provider.listInstitutions()).rejects.toMatchObject({ code: "provider_transient", providerCode: "invalid_response" });
    mock.inject(/\/providers$/, { kind: "wrong_shape" }, true);
    await expect(provider.listInstitutions()).rejects.toBeInstanceOf(ProviderTransient);
    mock.inject(/\/providers$/, { kind: "error", status: 503, errorClass: "InternalServerError" }, true);
    await expect(provider.listInstitutions()).rejects.toBeInstanceOf(ProviderTransient);
    await expect(provider.listInstitutions()).resolves.toHaveLength(3);
  });

  it("a slow answer times out as a transient failure", async () => {
    mock.inject(/\/providers$/, { kind: "delay", ms: 500 }, true);
    await expect(providerFor({ timeoutMs: 100 }).listInstitutions()).rejects.toMatchObject({ code: "provider_transient", providerCode: "timeout" });
  });
});

describe("callbacks", () => {
  it("accepts a signed success callback as new transactions for the connection", () => {
    const { body, headers } = mock.signedCallback(WEBHOOK_URL, { connection_id: "111", customer_id: "222", custom_fields: {}, stage: "finish" });
    expect(provider.verifyWebhook(headers, body)).toMatchObject({ provider: "saltedge", kind: "transactions_available", providerType: "success", connectionRef: "111" });
  });

  it("maps fail, interactive, notify and destroy callbacks", () => {
    const kind = (data: Record<string, unknown>) => {
      const { body, headers } = mock.signedCallback(WEBHOOK_URL, { connection_id: "111", customer_id: "222", ...data });
      const webhook = provider.verifyWebhook(headers, body) as { kind: string; providerType: string };
      return [webhook.providerType, webhook.kind];
    };
    expect(kind({ error_class: "InvalidCredentials", error_message: "Wrong password" })).toEqual(["fail", "login_required"]);
    expect(kind({ stage: "interactive", html: "<p>Code</p>", interactive_fields_names: ["sms"] })).toEqual(["interactive", "login_required"]);
    expect(kind({ stage: "fetch_accounts" })).toEqual(["notify", "other"]);
    expect(kind({})).toEqual(["destroy", "other"]);
  });

  it("refuses a forged, altered or misaddressed callback", () => {
    const { body, headers } = mock.signedCallback(WEBHOOK_URL, { connection_id: "111", stage: "finish" });
    expect(() => provider.verifyWebhook(headers, body.replace("111", "999"))).toThrow(InvalidWebhook);
    expect(() => provider.verifyWebhook(new Headers(), body)).toThrow(InvalidWebhook);
    const forged = Buffer.from("x".repeat(256)).toString("base64");
    expect(() => provider.verifyWebhook(new Headers({ signature: forged }), body)).toThrow(InvalidWebhook);
    const elsewhere = mock.signedCallback("https://evil.example/hook", { connection_id: "111", stage: "finish" });
    expect(() => provider.verifyWebhook(elsewhere.headers, elsewhere.body)).toThrow(InvalidWebhook);
    expect(() => providerFor({ callbackPublicKey: null }).verifyWebhook(headers, body)).toThrow(InvalidWebhook);
  });
});
