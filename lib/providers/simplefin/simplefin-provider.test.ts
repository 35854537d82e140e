/**
 * The SimpleFIN adapter against the contract mock over HTTP: setup token → claim → access
 * URL → accounts → transactions in ranges the Bridge serves → revoke, and the failures a
 * SimpleFIN server answers with.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { englishText, renderStoredMessage } from "@/lib/i18n/stored-message";
import { ConsentExpired, InvalidCredentials, ProviderRejected, ProviderTransient, RateLimited } from "@/lib/providers/errors";
import type { Provider, ProviderTransaction, RefreshSession } from "@/lib/providers/types";
import { simpleFinConfig } from "./config";
import { SIMPLEFIN_REVOKE_MESSAGE, createSimpleFinProvider } from "./simplefin-provider";
import { serveSimpleFinMock, type SimpleFinMock, type SimpleFinMockOptions } from "./testing/mock-server";

const NOW = new Date("2025-06-15T12:00:00.000Z");
const CALLBACK = "https://app.example/connect/callback";
let mock: SimpleFinMock;
let provider: Provider;

async function startMock(options: SimpleFinMockOptions = {}, env: Record<string, string> = {}) {
  mock = await serveSimpleFinMock({ now: () => NOW, ...options });
  provider = createSimpleFinProvider(simpleFinConfig({ SIMPLEFIN_BRIDGE_URL: mock.rootUrl, SIMPLEFIN_TIMEOUT_MS: "1000", ...env }), { now: () => NOW });
}

beforeEach(async () => {
  await startMock();
});

afterEach(async () => {
  await mock.close();
});

async function link(token = mock.issueSetupToken()) {
  return provider.completeLink({ callbackParams: new URLSearchParams({ state: "s", setup_token: token }) });
}

async function read(session: RefreshSession, providerAccountId: string, from: string, to = "2025-06-15") {
  const pages: ProviderTransaction[][] = [];
  for await (const page of provider.getTransactions(session, { providerAccountId, from, to })) pages.push(page);
  return pages;
}

const accountRequests = () => mock.requests.filter((r) => r.path === "/simplefin/accounts");

describe("the directory", () => {
  it("offers one institution, the SimpleFIN Bridge, with the Bridge's daily request budget", async () => {
    expect(await provider.listInstitutions()).toEqual([
      expect.objectContaining({ provider: "simplefin", name: "SimpleFIN Bridge", country: "US", maxHistoryDays: 90, accountTypes: [], available: true, dailyCallLimit: 24 }),
    ]);
  });
});

describe("the full cycle", () => {
  it("sends the user to our setup-token page, claims the token, reads accounts and transactions, and revokes by forgetting", async () => {
    const { redirectUrl } = await provider.createLinkSession({ providerInstitutionId: "simplefin-bridge", redirectUri: CALLBACK, state: "state-1" });
    expect(redirectUrl).toBe("https://app.example/connect/simplefin?state=state-1");
    expect(mock.requests).toHaveLength(0);

    // Pasted with the line breaks a copy from an e-mail adds.
    const token = mock.issueSetupToken();
    const linked = await link(`${token.slice(0, 20)}\n${token.slice(20)}\n`);
    const access = new URL(linked.connectionRef);
    expect(access.username).not.toBe("");
    expect(access.password).not.toBe("");
    expect(access.pathname).toBe("/simplefin");
    expect(linked.consentExpiresAt).toBeNull();
    // The points balance is not a bank account: left out.
    expect(linked.accounts.map((a) => [a.providerAccountId, a.name, a.currency, a.balance?.amount])).toEqual([
      ["ACT-checking", "First Mock Bank Checking", "USD", "2410.55"],
      ["ACT-savings", "Mock Credit Union Share Savings", "USD", "10000.00"],
    ]);
    expect(accountRequests().at(-1)!.query.get("balances-only")).toBe("1");

    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    const before = accountRequests().length;
    expect((await provider.getAccounts(session)).map((a) => a.providerAccountId)).toEqual(["ACT-checking", "ACT-savings"]);
    expect(accountRequests().length).toBe(before + 1);

    // 161 days: read in 60-day ranges, oldest first, none wider than the Bridge serves.
    const pages = await read(session, "ACT-checking", "2025-01-06");
    const ranges = accountRequests().slice(before + 1);
    expect(ranges.map((r) => [r.query.get("start-date"), r.query.get("end-date"), r.query.get("pending"), r.query.getAll("account")])).toEqual([
      [String(Date.parse("2025-01-06T00:00:00Z") / 1000), String(Date.parse("2025-03-07T00:00:00Z") / 1000), null, ["ACT-checking"]],
      [String(Date.parse("2025-03-07T00:00:00Z") / 1000), String(Date.parse("2025-05-06T00:00:00Z") / 1000), null, ["ACT-checking"]],
      [String(Date.parse("2025-05-06T00:00:00Z") / 1000), String(Date.parse("2025-06-16T00:00:00Z") / 1000), "1", ["ACT-checking"]],
    ]);
    expect(mock.rangeViolations).toBe(0);
    const lines = pages.flat();
    expect(lines.map((t) => [t.status, t.bookingDate, t.amount, t.description, t.partnerName, t.reference])).toEqual([
      ["posted", "2025-01-16", "-75.00", "Utility Co", "Utility Co", null],
      ["posted", "2025-03-27", "-1200.00", "RENT PAYMENT ONLINE", "Landlord LLC", "Unit 4B"],
      ["posted", "2025-05-26", "3200.00", "PAYROLL ACME INC", "Acme Inc", null],
      ["posted", "2025-06-12", "-4.50", "Corner Coffee", "Corner Coffee", null],
      ["posted", "2025-06-12", "-4.50", "Corner Coffee", "Corner Coffee", null],
      // Pending (posted 0), asked for with the newest range only, dated when it happened.
      ["pending", "2025-06-14", "-62.10", "GAS STATION (pending)", "Gas Station", null],
    ]);
    expect(lines.filter((t) => t.providerTransactionId.startsWith("TRN-coffee"))).toHaveLength(2);
    expect(lines.find((t) => t.providerTransactionId === "TRN-coffee-1")!.valueDate).toBe("2025-06-11");

    const revoked = await provider.revoke(linked.connectionRef);
    expect(revoked).toEqual({ deletedAtProvider: false, message: SIMPLEFIN_REVOKE_MESSAGE });
    expect(englishText(SIMPLEFIN_REVOKE_MESSAGE)).toMatch(/disable the access token of this app in your SimpleFIN Bridge account/);
    expect(renderStoredMessage(SIMPLEFIN_REVOKE_MESSAGE, "id")).toMatch(/nonaktifkan juga token akses aplikasi ini di akun SimpleFIN Bridge Anda/);

    // The user disables the token at the Bridge: the access URL stops working.
    mock.disableAccess(linked.connectionRef);
    await expect(provider.getAccounts(session)).rejects.toBeInstanceOf(ConsentExpired);
  });

  it("refuses a token claimed before, telling the user it may be compromised", async () => {
    const token = mock.issueSetupToken();
    await link(token);
    const second = link(token);
    await expect(second).rejects.toBeInstanceOf(ProviderRejected);
    await expect(second).rejects.toThrow(/someone else may have claimed it: disable it at SimpleFIN Bridge/);
    expect(mock.requests.filter((r) => r.path.startsWith("/simplefin/claim/")).map((r) => r.status)).toEqual([200, 403]);
  });

  it("refuses what is not a setup token, or one pointing to another server, without any request", async () => {
    await expect(link("not a token!")).rejects.toThrow(/not a SimpleFIN setup token/);
    await expect(link(Buffer.from("http://169.254.169.254/latest/meta-data").toString("base64"))).rejects.toThrow(/issued by 169\.254\.169\.254/);
    await expect(link(Buffer.from("https://bridge.simplefin.org.evil.example/claim/x").toString("base64"))).rejects.toBeInstanceOf(ProviderRejected);
    await expect(provider.completeLink({ callbackParams: new URLSearchParams({ state: "s" }) })).rejects.toThrow(/Paste the setup token/);
    expect(mock.requests).toHaveLength(0);
  });

  it("is offered only when configured", async () => {
    const { isSimpleFinEnabled } = await import("./config");
    expect(isSimpleFinEnabled({})).toBe(false);
    expect(isSimpleFinEnabled({ SIMPLEFIN_ENABLED: "1" })).toBe(true);
    expect(isSimpleFinEnabled({ SIMPLEFIN_BRIDGE_URL: mock.rootUrl })).toBe(true);
    expect(simpleFinConfig({}).allowedOrigins).toEqual(["https://bridge.simplefin.org", "https://beta-bridge.simplefin.org"]);
  });
});

describe("errors SimpleFIN reports", () => {
  async function connected() {
    const linked = await link();
    return provider.openRefresh({ connectionRef: linked.connectionRef, background: false });
  }

  it("a bank connection needing a new login at the Bridge stops that bank's accounts only", async () => {
    const session = await connected();
    mock.errlist.push({ code: "con.auth", msg: "Authentication failed for <b>First Mock Bank</b>", conn_id: "CON-first" });
    expect(await provider.getAccounts(session)).toHaveLength(2);
    const failed = read(session, "ACT-checking", "2025-06-01");
    await expect(failed).rejects.toBeInstanceOf(InvalidCredentials);
    // Shown to the user, so sanitized: no markup.
    await expect(failed).rejects.toThrow("SimpleFIN Bridge cannot sign in to the bank: Authentication failed for First Mock Bank. Fix the bank's connection at SimpleFIN Bridge, then fetch again.");
    expect((await read(session, "ACT-savings", "2025-06-01")).flat().map((t) => t.providerTransactionId)).toEqual(["TRN-dividend"]);
  });

  it("an account the Bridge could not read completely is not imported by halves", async () => {
    const session = await connected();
    mock.errlist.push({ code: "act.missingdata", msg: "Incomplete transaction listing. Try again later.", account_id: "ACT-checking" });
    await expect(read(session, "ACT-checking", "2025-06-01")).rejects.toBeInstanceOf(ProviderTransient);
  });

  it("over the daily quota: the run stops rate limited, and a token the Bridge disabled reads as expired access", async () => {
    await mock.close();
    await startMock({ dailyQuota: 2, leeway: 1 });
    const session = await connected(); // request 1 (the claim is not counted)
    await provider.getAccounts(session); // 2
    const warned = provider.getAccounts(session); // 3: over the quota, with a warning
    await expect(warned).rejects.toBeInstanceOf(RateLimited);
    await expect(provider.getAccounts(session)).rejects.toBeInstanceOf(ConsentExpired); // 4: disabled
  });

  it("maps HTTP statuses: 402 payment, 429 with Retry-After, 5xx transient, 403 revoked", async () => {
    const session = await connected();
    mock.paymentRequired = true;
    await expect(provider.getAccounts(session)).rejects.toThrow(/subscription of this SimpleFIN account has lapsed/);
    mock.paymentRequired = false;
    mock.failWith = { status: 429, retryAfter: 3600 };
    const limited = await provider.getAccounts(session).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimited);
    expect((limited as RateLimited).retryAfter?.toISOString()).toBe("2025-06-15T13:00:00.000Z");
    mock.failWith = { status: 503 };
    await expect(provider.getAccounts(session)).rejects.toBeInstanceOf(ProviderTransient);
    mock.failWith = null;
    await expect(provider.getAccounts({ ...session, connectionRef: session.connectionRef.replace(/\/\/[^:]+:/, "//someone:") })).rejects.toBeInstanceOf(ConsentExpired);
  });

  it("a malformed answer and a server that does not answer in time are transient failures", async () => {
    const session = await connected();
    mock.malformed = true;
    await expect(provider.getAccounts(session)).rejects.toMatchObject({ code: "provider_transient", providerCode: "invalid_response" });
    mock.malformed = false;
    mock.delayMs = 1_500;
    await expect(provider.getAccounts(session)).rejects.toMatchObject({ code: "provider_transient", providerCode: "timeout" });
  });

  it("an amount that is not a decimal string is refused, never guessed", async () => {
    const session = await connected();
    mock.accounts[1]!.transactions.push({ id: "TRN-bad", postedDaysAgo: 1, amount: "1,000.00", description: "Bad amount" });
    await expect(read(session, "ACT-savings", "2025-06-01")).rejects.toMatchObject({ code: "provider_transient", providerCode: "invalid_response" });
  });
});
