/**
 * The GoCardless adapter against the contract mock of GoCardless Bank Account Data
 * (./testing/mock-server.ts), driving the bank's consent page like a browser.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConsentExpired, ConsentRefused, InvalidWebhook, ProviderRejected, ProviderTransient, RateLimited } from "@/lib/providers/errors";
import type { CallMeter, LinkSessionInput, Provider, ProviderTransaction, RefreshSession } from "@/lib/providers/types";
import { goCardlessConfig, isGoCardlessEnabled, type GoCardlessConfig } from "./config";
import { clearGoCardlessLinkMemory, createGoCardlessProvider } from "./gocardless-provider";
import { MOCK_SECRET_ID, MOCK_SECRET_KEY, serveGoCardlessMock, type ConsentOutcome, type GoCardlessMock } from "./testing/mock-server";

const START = new Date("2025-06-15T10:00:00.000Z");
const clock = { now: START };
const REDIRECT = "http://app.test/connect/callback";
let mock: GoCardlessMock;
let provider: Provider;

function providerFor(overrides: Partial<GoCardlessConfig> = {}): Provider {
  const config = { ...goCardlessConfig({}), baseUrl: mock.baseUrl, secretId: MOCK_SECRET_ID, secretKey: MOCK_SECRET_KEY, timeoutMs: 5_000, ...overrides };
  return createGoCardlessProvider(config, fetch, () => clock.now);
}

beforeEach(async () => {
  clock.now = START;
  mock = await serveGoCardlessMock({ now: () => clock.now });
  provider = providerFor();
});

afterEach(async () => {
  await mock.close();
});

const MAIN = "iban:DE89370400440532013000";
const SAVINGS = "iban:DE02120300000000202051";

async function consent(input: Partial<LinkSessionInput> = {}, outcome: ConsentOutcome = "approve") {
  const { redirectUrl } = await provider.createLinkSession({ providerInstitutionId: "MOCKBANK_MOCKDEFF@DE", redirectUri: REDIRECT, state: input.state ?? "state-123", ...input });
  return mock.consent(redirectUrl, outcome);
}

async function link(input: Partial<LinkSessionInput> = {}) {
  const callback = await consent(input);
  return provider.completeLink({ callbackParams: callback.searchParams });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

async function collect(pages: AsyncIterable<ProviderTransaction[]>) {
  const all: ProviderTransaction[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

const daysBefore = (days: number) => new Date(clock.now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
const window = (providerAccountId: string) => ({ providerAccountId, from: daysBefore(90), to: daysBefore(0) });

describe("GoCardless adapter: configuration and institutions", () => {
  it("is offered only when both secrets are configured", () => {
    expect(isGoCardlessEnabled({})).toBe(false);
    expect(isGoCardlessEnabled({ GOCARDLESS_SECRET_ID: "id" })).toBe(false);
    expect(isGoCardlessEnabled({ GOCARDLESS_SECRET_ID: "id", GOCARDLESS_SECRET_KEY: "key" })).toBe(true);
    expect(goCardlessConfig({}).baseUrl).toBe("https://bankaccountdata.gocardless.com/api/v2");
  });

  it("lists one institution per country with history limit, BIC and logo", async () => {
    const institutions = await provider.listInstitutions();
    const mockBank = institutions.filter((institution) => institution.providerInstitutionId.startsWith("MOCKBANK_MOCKDEFF@"));
    expect(mockBank.map((institution) => institution.providerInstitutionId).sort()).toEqual(["MOCKBANK_MOCKDEFF@AT", "MOCKBANK_MOCKDEFF@DE"]);
    expect(mockBank[0]).toMatchObject({ provider: "gocardless", name: "Mock Bank", bic: "MOCKDEFF", maxHistoryDays: 730, available: true });
    expect(mockBank[0]!.logoUrl).toMatch(/^https:\/\/cdn-logos\.gocardless\.com\//);
    expect(institutions.find((institution) => institution.providerInstitutionId === "SHORTBANK_SHRTFRPP@FR")?.maxHistoryDays).toBe(60);

    const german = await providerFor({ countries: ["DE"] }).listInstitutions();
    expect(german.map((institution) => [institution.providerInstitutionId, institution.country])).toEqual([["MOCKBANK_MOCKDEFF@DE", "DE"]]);
  });

  it("refuses wrong secrets with a message naming the settings", async () => {
    const error = await rejection(providerFor({ secretKey: "wrong" }).listInstitutions());
    expect(error).toBeInstanceOf(ProviderRejected);
    expect((error as ProviderRejected).httpStatus).toBe(401);
    expect((error as ProviderRejected).message).toContain("GOCARDLESS_SECRET_KEY");
  });
});

describe("GoCardless adapter: the full cycle", () => {
  it("connects, reads accounts and transactions, reconnects with the same account ids, and revokes", async () => {
    // Connect: an agreement for the bank's whole history and longest access, then the requisition.
    const callback = await consent();
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get("state")).toBe("state-123");
    expect(callback.searchParams.get("ref")).toBe("state-123");
    const [agreement] = [...mock.agreements.values()];
    expect(agreement).toMatchObject({ max_historical_days: 730, access_valid_for_days: 180, access_scope: ["balances", "details", "transactions"] });
    const linked = await provider.completeLink({ callbackParams: callback.searchParams });
    expect(mock.requisitions.get(linked.connectionRef)?.reference).toBe("state-123");
    expect(linked.consentExpiresAt?.toISOString()).toBe("2025-12-12T10:00:00.000Z");
    expect(linked.accounts).toEqual([
      { providerAccountId: MAIN, name: "Main Account", iban: "DE89370400440532013000", accountNumber: "DE89370400440532013000", currency: "EUR", type: "current", balance: { amount: "1520.75", currency: "EUR", asOf: new Date("2025-06-15T00:00:00.000Z") } },
      { providerAccountId: SAVINGS, name: "Tagesgeld", iban: "DE02120300000000202051", accountNumber: "DE02120300000000202051", currency: "EUR", type: "savings", balance: { amount: "10000.00", currency: "EUR", asOf: new Date("2025-06-15T00:00:00.000Z") } },
    ]);

    // Accounts and transactions.
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    expect((await provider.getAccounts(session)).map((account) => [account.providerAccountId, account.balance?.amount])).toEqual([[MAIN, "1520.75"], [SAVINGS, "10000.00"]]);
    const lines = await collect(provider.getTransactions(session, window(MAIN)));
    const posted = lines.filter((line) => line.status === "posted");
    const pending = lines.filter((line) => line.status === "pending");
    expect(posted.map((line) => [line.bookingDate, line.amount, line.partnerName])).toEqual([
      [daysBefore(20), "-850.00", "Landlord Ltd"],
      [daysBefore(8), "2500.00", "Acme Corp"],
      [daysBefore(3), "-3.50", "Coffee Bar"],
      [daysBefore(3), "-3.50", "Coffee Bar"],
      [daysBefore(2), "-42.10", "Grocer GmbH"],
    ]);
    expect(posted.map((line) => line.providerTransactionId).slice(0, 2)).toEqual(["tx-1001", "int-1002"]);
    expect(posted[4]!.providerTransactionId).toBe("tx-1004");
    // Two identical coffees keep two distinct, repeatable ids.
    const coffees = posted.filter((line) => line.partnerName === "Coffee Bar").map((line) => line.providerTransactionId);
    expect(new Set(coffees).size).toBe(2);
    const again = (await collect(provider.getTransactions(session, window(MAIN)))).filter((line) => line.partnerName === "Coffee Bar");
    expect(again.map((line) => line.providerTransactionId)).toEqual(coffees);
    expect(posted[1]).toMatchObject({ partnerAccount: "FR1420041010050500013M02606", reference: "E2E-SAL-1", description: "Salary", valueDate: daysBefore(7) });
    expect(posted[4]).toMatchObject({ partnerAccount: "DE44500105175407324931", reference: null, description: "Card payment 4711" });
    expect(posted[2]!.description).toBe("Espresso Terminal 12");
    // Pending lines without a date yet are dated the end of the window.
    expect(pending.map((line) => [line.amount, line.partnerName, line.bookingDate]).sort()).toEqual([
      ["-19.99", "Streaming Service", daysBefore(0)],
      ["12.00", "Friend", daysBefore(0)],
    ]);
    for (const line of lines) expect(line.amount).toMatch(/^-?\d+\.\d{2}$/);

    // Update credentials: a new requisition (new ref, new GoCardless account ids) but the same account ids for us.
    const relinked = await link({ state: "state-456", connectionRef: linked.connectionRef });
    expect(relinked.connectionRef).not.toBe(linked.connectionRef);
    expect(relinked.accounts.map((account) => account.providerAccountId)).toEqual([MAIN, SAVINGS]);
    // The adapter leaves the old requisition alone: the app revokes it once the new ref is stored (app-flow.test.ts).
    expect(mock.requisitions.has(linked.connectionRef)).toBe(true);
    const relinkedSession = await provider.openRefresh({ connectionRef: relinked.connectionRef, background: false });
    expect((await collect(provider.getTransactions(relinkedSession, window(SAVINGS)))).map((line) => line.amount)).toEqual(["250.00"]);

    // Revoke, twice: the second finds nothing left and still succeeds.
    expect(await provider.revoke(relinked.connectionRef)).toEqual({ deletedAtProvider: true, message: null });
    expect(mock.requisitions.has(relinked.connectionRef)).toBe(false);
    expect(await provider.revoke(relinked.connectionRef)).toEqual({ deletedAtProvider: true, message: null });
    expect(await rejection(provider.openRefresh({ connectionRef: relinked.connectionRef, background: true }))).toBeInstanceOf(ConsentExpired);
  });

  it("finds the requisition by listing GoCardless's pages when another process started it", async () => {
    for (let index = 0; index < 104; index += 1) {
      await provider.createLinkSession({ providerInstitutionId: "SANDBOXFINANCE_SFIN0000", redirectUri: REDIRECT, state: `other-${index}` });
    }
    const callback = await consent({ state: "state-late" });
    clearGoCardlessLinkMemory();
    const linked = await provider.completeLink({ callbackParams: callback.searchParams });
    expect(linked.accounts).toHaveLength(2);
    expect(mock.calls.filter((call) => call === "GET /api/v2/requisitions/")).toHaveLength(2);
  });

  it("asks a bank with 60 days of history and access for no more than that", async () => {
    const { redirectUrl } = await provider.createLinkSession({ providerInstitutionId: "SHORTBANK_SHRTFRPP", redirectUri: REDIRECT, state: "s" });
    expect(redirectUrl).toContain("/psd2/start/");
    expect([...mock.agreements.values()][0]).toMatchObject({ max_historical_days: 60, access_valid_for_days: 60 });
  });
});

describe("GoCardless adapter: failures", () => {
  it("reports a cancelled or rejected consent, and a reused link", async () => {
    const cancelled = await consent({}, "cancel");
    expect(cancelled.searchParams.get("error")).toBe("UserCancelledSession");
    expect(await rejection(provider.completeLink({ callbackParams: cancelled.searchParams }))).toBeInstanceOf(ConsentRefused);

    const rejected = await consent({ state: "s2" }, "reject");
    const error = await rejection(provider.completeLink({ callbackParams: rejected.searchParams }));
    expect(error).toBeInstanceOf(ConsentRefused);
    expect((error as ConsentRefused).providerCode).toBe("UserSessionRejected");

    const { redirectUrl } = await provider.createLinkSession({ providerInstitutionId: "MOCKBANK_MOCKDEFF", redirectUri: REDIRECT, state: "s3" });
    await mock.consent(redirectUrl);
    const reused = await mock.consent(redirectUrl);
    const reuse = await rejection(provider.completeLink({ callbackParams: reused.searchParams }));
    expect(reuse).toBeInstanceOf(ProviderRejected);
    expect((reuse as ProviderRejected).providerCode).toBe("RequisitionLinkReused");
  });

  it("refuses a callback whose reference is not the state it carries", async () => {
    const callback = await consent();
    callback.searchParams.set("state", "someone-else");
    expect(await rejection(provider.completeLink({ callbackParams: callback.searchParams }))).toBeInstanceOf(ProviderRejected);
  });

  it("stops at the bank's fifth transactions call of the day, with the reset time, and allows it again the next day", async () => {
    const linked = await link();
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    for (let call = 0; call < 4; call += 1) expect((await collect(provider.getTransactions(session, window(MAIN)))).length).toBeGreaterThan(0);
    const error = await rejection(collect(provider.getTransactions(session, window(MAIN))));
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).retryAfter?.toISOString()).toBe("2025-06-16T00:00:00.000Z");
    expect((error as RateLimited).providerCode).toBe("RateLimitError");
    // The limit is per account: the savings account still answers.
    expect(await collect(provider.getTransactions(session, window(SAVINGS)))).toHaveLength(1);

    clock.now = new Date("2025-06-16T00:00:01.000Z");
    expect((await collect(provider.getTransactions(session, window(MAIN)))).length).toBeGreaterThan(0);
  });

  it("still lists the accounts, from GoCardless's metadata and without balances, once the day's details and balances are spent", async () => {
    const linked = await link(); // completing the link read each account's details and balances once
    for (let sync = 0; sync < 3; sync += 1) await provider.getAccounts(await provider.openRefresh({ connectionRef: linked.connectionRef, background: true }));
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    const accounts = await provider.getAccounts(session);
    expect(accounts.map((account) => [account.providerAccountId, account.iban, account.balance])).toEqual([
      [MAIN, "DE89370400440532013000", null],
      [SAVINGS, "DE02120300000000202051", null],
    ]);
    // Transactions have their own limit: the sync still gets them.
    expect((await collect(provider.getTransactions(session, window(MAIN)))).length).toBeGreaterThan(0);
  });

  it("asks the meter before every limited call, linking included, and reports a 429 it did not foresee instead of hiding it", async () => {
    const taken: string[] = [];
    const spent: string[] = [];
    const meter: CallMeter = {
      take: async (call) => { taken.push(`${call.providerAccountId} ${call.scope}`); return true; },
      spent: async (call, retryAfter) => { spent.push(`${call.providerAccountId} ${call.scope} ${retryAfter?.toISOString()}`); },
    };
    const callback = await consent();
    const linked = await provider.completeLink({ callbackParams: callback.searchParams, meter });
    expect(taken.sort()).toEqual([`${SAVINGS} balances`, `${SAVINGS} details`, `${MAIN} balances`, `${MAIN} details`]);
    // Another app read the accounts today: the bank's count is ahead of ours.
    for (let sync = 0; sync < 3; sync += 1) await provider.getAccounts(await provider.openRefresh({ connectionRef: linked.connectionRef, background: true }));
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    const accounts = await provider.getAccounts(session, meter);
    expect(accounts.map((account) => account.balance)).toEqual([null, null]);
    expect(spent.sort()).toEqual([
      `${SAVINGS} balances 2025-06-16T00:00:00.000Z`, `${SAVINGS} details 2025-06-16T00:00:00.000Z`,
      `${MAIN} balances 2025-06-16T00:00:00.000Z`, `${MAIN} details 2025-06-16T00:00:00.000Z`,
    ]);

    // A refused transactions call is not made at all.
    const before = mock.calls.length;
    const refusing: CallMeter = { take: async () => false, spent: async () => {} };
    expect(await rejection(collect(provider.getTransactions(session, window(MAIN), refusing)))).toBeInstanceOf(RateLimited);
    expect(mock.calls.length).toBe(before);
  });

  it("names the field and GoCardless's detail when it refuses a transactions window", async () => {
    const linked = await link();
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    const tomorrow = new Date(clock.now.getTime() + 86_400_000).toISOString().slice(0, 10);
    const error = await rejection(collect(provider.getTransactions(session, { providerAccountId: MAIN, from: tomorrow, to: tomorrow })));
    expect(error).toBeInstanceOf(ProviderRejected);
    expect((error as ProviderRejected).message).toBe(
      `GoCardless refused the request: date_from: '${tomorrow}' can't be greater than 2025-06-15. Specify correct date range; date_to: '${tomorrow}' can't be greater than 2025-06-15. Specify correct date range`,
    );
  });

  it("reports a lost consent: 403 'No valid End User Agreement', or the agreement deleted at GoCardless", async () => {
    const linked = await link();
    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    mock.invalidateAgreement(linked.connectionRef);
    expect(await rejection(collect(provider.getTransactions(session, window(MAIN))))).toBeInstanceOf(ConsentExpired);
    mock.agreements.clear();
    expect(await rejection(provider.openRefresh({ connectionRef: linked.connectionRef, background: true }))).toBeInstanceOf(ConsentExpired);
  });

  it("reports an expired consent: requisition expired, agreement run out, or expired between two calls", async () => {
    const first = await link();
    const session = await provider.openRefresh({ connectionRef: first.connectionRef, background: true });
    mock.expire(first.connectionRef);
    expect(await rejection(provider.openRefresh({ connectionRef: first.connectionRef, background: true }))).toBeInstanceOf(ConsentExpired);
    // A session opened before the expiry meets GoCardless's "EUA has expired" answer.
    expect(await rejection(collect(provider.getTransactions(session, window(MAIN))))).toBeInstanceOf(ConsentExpired);

    const second = await link({ state: "state-2" });
    clock.now = new Date(START.getTime() + 181 * 86_400_000);
    expect(await rejection(provider.openRefresh({ connectionRef: second.connectionRef, background: true }))).toBeInstanceOf(ConsentExpired);
  });

  it("keeps one token pair for the process, refreshes the access token after a day and gets a new pair after 30 days", async () => {
    await provider.listInstitutions();
    await providerFor().listInstitutions(); // a new adapter instance reuses the cached token
    expect(mock.calls.filter((call) => call.includes("/token/"))).toEqual(["POST /api/v2/token/new/"]);

    clock.now = new Date(START.getTime() + 25 * 3_600_000);
    await provider.listInstitutions();
    expect(mock.calls.filter((call) => call.includes("/token/"))).toEqual(["POST /api/v2/token/new/", "POST /api/v2/token/refresh/"]);

    clock.now = new Date(START.getTime() + 31 * 86_400_000);
    await provider.listInstitutions();
    expect(mock.calls.filter((call) => call.includes("/token/")).at(-1)).toBe("POST /api/v2/token/new/");
  });

  it("replaces an access token GoCardless stopped accepting and retries the call once", async () => {
    await provider.listInstitutions();
    mock.revokeTokens();
    const institutions = await provider.listInstitutions();
    expect(institutions.length).toBeGreaterThan(0);
    // The refresh token was revoked too: the refresh is refused, and a new pair is asked for.
    expect(mock.calls.filter((call) => call.includes("/token/"))).toEqual(["POST /api/v2/token/new/", "POST /api/v2/token/refresh/", "POST /api/v2/token/new/"]);
  });

  it("treats a malformed answer as a transient failure", async () => {
    const linked = await link();
    const session: RefreshSession = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    mock.malformed = true;
    const error = await rejection(collect(provider.getTransactions(session, window(MAIN))));
    expect(error).toBeInstanceOf(ProviderTransient);
    expect((error as ProviderTransient).providerCode).toBe("invalid_response");
  });

  it("gives up on a slow answer after the configured timeout", async () => {
    const slow = providerFor({ timeoutMs: 200 });
    await slow.listInstitutions();
    mock.delayMs = 1_000;
    const started = Date.now();
    const error = await rejection(slow.listInstitutions());
    expect(error).toBeInstanceOf(ProviderTransient);
    expect((error as ProviderTransient).providerCode).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("has no webhooks to verify", () => {
    expect(() => provider.verifyWebhook(new Headers(), "{}")).toThrow(InvalidWebhook);
  });
});
