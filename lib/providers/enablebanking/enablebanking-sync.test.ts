/**
 * The app's own services (directory, connect, sync, update credentials, delete) running
 * on the Enable Banking adapter against its contract mock and the test database: what a
 * user of an Enable Banking bank sees, with nothing Sandbox-specific in between.
 * Update Credentials authorizes a new session and closes the old one.
 */
import { generateKeyPairSync } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, institutions, transactions } from "@/db/schema";
import { startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { deleteConnection } from "@/lib/connections/delete";
import { startUpdateCredentials } from "@/lib/connections/update-credentials";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { refreshInstitutions } from "@/lib/institutions/directory";
import type { Provider } from "@/lib/providers/types";
import { syncConnection } from "@/lib/sync/run-sync";
import { completeAndSelectAll } from "@/lib/testing/connect-flow";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { createEnableBankingProvider } from "./enablebanking-provider";
import { MAIN_IBAN, mockBanks } from "./testing/fixtures";
import { serveEnableBankingMock, type EnableBankingMock, type MockBank } from "./testing/mock-server";
import { shownStateOf } from "@/lib/testing/shown-state";
import { englishText } from "@/lib/i18n/stored-message";

const APP_ID = "cf589be3-3755-465b-a8df-a90a16a31403";
const CALLBACK = "http://app.test/connect/callback";
const START = new Date("2025-06-15T10:00:00.000Z");
const DAY_MS = 24 * 60 * 60 * 1000;
const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });

const clock = { now: START };
let banks: MockBank[];
let mock: EnableBankingMock;
let provider: Provider;
let deps: ConnectDeps;

beforeEach(async () => {
  clock.now = START;
  banks = mockBanks();
  mock = await serveEnableBankingMock({ applicationId: APP_ID, publicKey: keys.publicKey, banks, now: () => clock.now, pageSize: 2, redirectUrls: [CALLBACK] });
  provider = createEnableBankingProvider(
    { applicationId: APP_ID, privateKey: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), baseUrl: mock.baseUrl, timeoutMs: 5_000, consentDays: 180 },
    { now: () => clock.now },
  );
  deps = { db, provider: () => provider, now: () => clock.now };
});

afterEach(async () => {
  await mock.close();
});

async function consent(actor: { companyId: string; userId: string }, redirectUrl: string) {
  const callback = await mock.followConsent(redirectUrl);
  return completeAndSelectAll(deps, actor, callback.searchParams);
}

async function connectMockBank() {
  const { company, user } = await createCompanyWithUser(db);
  const actor = { companyId: company.id, userId: user.id };
  await refreshInstitutions(db, provider, clock.now);
  const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "enablebanking"), eq(institutions.name, "Mock Bank")));
  const started = await startConnect(deps, actor, { institutionId: institution!.id, accountType: "business", consent: true, callbackUrl: CALLBACK });
  if (!started.ok) throw new Error(englishText(started.error));
  return { actor, ...(await consent(actor, started.redirectUrl)) };
}

async function sessionOf(connectionId: string): Promise<string> {
  const [connection] = await db.select({ ref: bankConnections.providerRefEncrypted }).from(bankConnections).where(eq(bankConnections.id, connectionId));
  return decryptSecret(connection!.ref!);
}

async function logOf(connectionId: string) {
  return db.select({ level: connectionEvents.level, message: connectionEvents.message, errorReference: connectionEvents.errorReference }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
}

async function mainAccountLines() {
  const [account] = await db.select().from(bankAccounts).where(eq(bankAccounts.accountNumber, MAIN_IBAN));
  const lines = await db.select().from(transactions).where(eq(transactions.bankAccountId, account!.id)).orderBy(asc(transactions.bookingDate), asc(transactions.id));
  return { account: account!, lines };
}

describe("an Enable Banking bank in the app", () => {
  it("connects, imports only posted lines with their signs, keeps accounts through Update Credentials, syncs new lines and deletes", async () => {
    const { actor, connectionId, outcome } = await connectMockBank();
    expect(outcome).toMatchObject({ status: "succeeded", inserted: 6 });

    const { account, lines } = await mainAccountLines();
    expect(account).toMatchObject({ name: "Main account", currency: "EUR", balance: "1234.5600" });
    expect(lines.map((l) => [l.bookingDate, l.amount, l.partnerName])).toEqual([
      ["2025-06-01", "-12.5000", "Alex Gifts Oy"],
      ["2025-06-02", "1500.0000", "Customer Ab"],
      ["2025-06-03", "-3.5000", "Cafe Helsinki"],
      ["2025-06-03", "-3.5000", "Cafe Helsinki"],
      ["2025-06-10", "0.1000", null],
    ]);
    // Both coffees are kept and flagged for review, not merged; the pending fuel purchase is not imported.
    expect(lines.filter((l) => l.possibleDuplicate).map((l) => l.description)).toEqual(["Coffee", "Coffee"]);
    expect(lines.some((l) => l.description === "Card purchase")).toBe(false);

    // Update Credentials authorizes a new session and closes the old one; the same bank accounts carry on.
    clock.now = new Date(START.getTime() + DAY_MS);
    const oldSession = await sessionOf(connectionId);
    const update = await startUpdateCredentials(deps, actor, { connectionId, callbackUrl: CALLBACK, reason: "update_credentials" });
    if (!update.ok) throw new Error(englishText(update.error));
    const again = await consent(actor, update.redirectUrl);
    expect(again.connectionId).toBe(connectionId);
    expect(again.outcome).toMatchObject({ status: "succeeded", inserted: 0 });
    const newSession = await sessionOf(connectionId);
    expect(newSession).not.toBe(oldSession);
    expect(mock.sessionStatus(oldSession)).toBe("CLOSED");
    expect(mock.sessionStatus(newSession)).toBe("AUTHORIZED");
    expect(await logOf(connectionId)).toContainEqual({ level: "info", message: "The previous consent at Mock Bank was revoked, since the consent just given replaces it.", errorReference: null });
    expect(await db.select().from(bankAccounts).where(eq(bankAccounts.companyId, actor.companyId))).toHaveLength(2);

    banks[0]!.accounts[0]!.transactions.push({
      entry_reference: "5561990700", transaction_amount: { currency: "EUR", amount: "20.00" }, credit_debit_indicator: "DBIT",
      status: "BOOK", booking_date: "2025-06-16", creditor: { name: "Office Supplies" }, remittance_information: ["Paper"],
    });
    const next = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual", actorUserId: actor.userId });
    expect(next).toMatchObject({ status: "succeeded", inserted: 1 });
    expect((await mainAccountLines()).lines.at(-1)).toMatchObject({ amount: "-20.0000", description: "Paper", onlineTransactionId: "5561990700" });

    const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
    const deleted = await deleteConnection(deps, actor, connectionId);
    expect(deleted).toMatchObject({ status: "deleted", accountsKept: 2 });
    expect(connection!.consentExpiresAt?.toISOString()).toBe(new Date(START.getTime() + DAY_MS + 180 * DAY_MS).toISOString());
    expect(mock.requests.some((r) => r.method === "DELETE" && r.path.startsWith("/sessions/") && r.status === 200)).toBe(true);
    expect((await mainAccountLines()).lines).toHaveLength(6);
  });

  it("completes a reconnect whose old session Enable Banking fails to close, and says so in the connection log", async () => {
    const { actor, connectionId } = await connectMockBank();
    const oldSession = await sessionOf(connectionId);
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    mock.failNext(new RegExp(`^/sessions/${oldSession}$`), { status: 500, error: "INTERNAL_ERROR" });
    const reconnect = await startUpdateCredentials(deps, actor, { connectionId, callbackUrl: CALLBACK, reason: "reconnect" });
    if (!reconnect.ok) throw new Error(englishText(reconnect.error));
    const again = await consent(actor, reconnect.redirectUrl);
    const printed = consoleError.mock.calls.map((call) => String(call[0]));
    consoleError.mockRestore();

    expect(again.outcome.status).toBe("succeeded");
    expect(await shownStateOf(connectionId)).toBe("active");
    const newSession = await sessionOf(connectionId);
    expect(mock.sessionStatus(newSession)).toBe("AUTHORIZED");
    expect(mock.sessionStatus(oldSession)).toBe("AUTHORIZED");
    const warning = (await logOf(connectionId)).find((event) => event.message.startsWith("The previous consent"));
    expect(warning?.level).toBe("warning");
    expect(warning?.message).toMatch(/^The previous consent at Mock Bank could not be revoked \(.+\)\. It ends when it expires, or remove it in the bank's online banking\.$/);
    expect(warning?.errorReference).toBeTruthy();
    expect(printed.some((line) => line.includes(warning!.errorReference!))).toBe(true);
  });

  it("stops with the consent-expired error once the consent has run out", async () => {
    const { actor, connectionId } = await connectMockBank();
    clock.now = new Date(START.getTime() + 181 * DAY_MS);
    const outcome = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "scheduled" });
    expect(outcome.status).not.toBe("succeeded");
    expect(outcome.errorCode).toBe("consent_expired");
    expect(await shownStateOf(connectionId)).toBe("error");
  });

  it("ends a run over the bank's daily allowance as rate limited and keeps what it had", async () => {
    await mock.close();
    mock = await serveEnableBankingMock({
      applicationId: APP_ID, publicKey: keys.publicKey, banks, now: () => clock.now, pageSize: 2, redirectUrls: [CALLBACK], unattendedCallsPerDay: 1,
    });
    provider = createEnableBankingProvider(
      { applicationId: APP_ID, privateKey: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), baseUrl: mock.baseUrl, timeoutMs: 5_000, consentDays: 180 },
      { now: () => clock.now },
    );
    const { actor, connectionId } = await connectMockBank();
    const before = (await mainAccountLines()).lines.length;
    const outcome = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "scheduled" });
    expect(outcome.status).toBe("rate_limited");
    expect((await mainAccountLines()).lines).toHaveLength(before);
  });

  it("counts each account's balances and transactions calls where the bank sets a daily limit, and calls no more", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const actor = { companyId: company.id, userId: user.id };
    await refreshInstitutions(db, provider, clock.now);
    await db.update(institutions).set({ dailyCallLimit: 2 }).where(and(eq(institutions.provider, "enablebanking"), eq(institutions.name, "Mock Bank")));
    const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "enablebanking"), eq(institutions.name, "Mock Bank")));
    const started = await startConnect(deps, actor, { institutionId: institution!.id, accountType: "business", consent: true, callbackUrl: CALLBACK });
    if (!started.ok) throw new Error(englishText(started.error));
    const { connectionId, outcome } = await consent(actor, started.redirectUrl);
    expect(outcome.status).toBe("succeeded");
    expect((await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual" })).status).toBe("succeeded");
    const transactionCalls = () => mock.requests.filter((r) => /\/transactions$/.test(r.path)).length;
    const before = transactionCalls();
    const third = await syncConnection(deps, { companyId: actor.companyId, connectionId, trigger: "manual" });
    expect(third).toMatchObject({ status: "rate_limited", message: "Daily limit of 2 calls per account reached; next refresh allowed at 2025-06-16 00:00 UTC." });
    expect(transactionCalls()).toBe(before);
  });
});

describe("the first sync of an Enable Banking bank", () => {
  const daysAgo = (days: number) => new Date(START.getTime() - days * DAY_MS).toISOString().slice(0, 10);
  /** Booked lines spread over two years on the main account, beside the fixture's June lines. */
  function addOlderHistory(bank: MockBank) {
    for (const days of [729, 400, 200, 100, 80]) {
      bank.accounts[0]!.transactions.push({
        entry_reference: `old-${days}`, transaction_amount: { currency: "EUR", amount: `${days}.00` }, credit_debit_indicator: "CRDT",
        status: "BOOK", booking_date: daysAgo(days), remittance_information: [`Payment ${days} days ago`],
      });
    }
  }
  const transactionQueries = () => mock.requests.filter((r) => r.path.endsWith("/transactions") && !r.query.continuation_key);

  it("takes two years from a bank that keeps two years", async () => {
    banks[0]!.historyDays = 730;
    addOlderHistory(banks[0]!);
    const { connectionId, outcome } = await connectMockBank();
    expect(outcome).toMatchObject({ status: "succeeded", inserted: 6 + 5 });
    expect(outcome.message).toBe(`11 new transactions (2 possible duplicates to review); history read back to ${daysAgo(730)}`);
    expect((await mainAccountLines()).lines[0]).toMatchObject({ bookingDate: daysAgo(729), amount: "729.0000" });
    // One query per account, from two years back, accepted at once.
    expect(transactionQueries().map((r) => [r.query.date_from, r.status])).toEqual([[daysAgo(730), 200], [daysAgo(730), 200]]);
    expect((await logOf(connectionId)).map((e) => e.message)).toContain(
      `Main account: first synchronization read the bank's history back to ${daysAgo(730)}, 730 days; the oldest transaction it returned is dated ${daysAgo(729)}.`,
    );
  });

  it("steps down to 90 days at a bank that refuses more, without a failed run, and asks the bank for 90 days from then on", async () => {
    banks[0]!.historyDays = 90;
    addOlderHistory(banks[0]!);
    const { connectionId, outcome } = await connectMockBank();
    // The fixture's six June lines and the one 80 days old: all the bank serves.
    expect(outcome).toMatchObject({ status: "succeeded", inserted: 7 });
    expect(outcome.message).toContain(`history read back to ${daysAgo(90)}`);
    expect((await mainAccountLines()).lines[0]).toMatchObject({ bookingDate: daysAgo(80) });
    // The main account stepped down through 365 and 180; the savings account asked 90 at once.
    expect(transactionQueries().map((r) => [r.query.date_from, r.status])).toEqual([
      [daysAgo(730), 422], [daysAgo(365), 422], [daysAgo(180), 422], [daysAgo(90), 200], [daysAgo(90), 200],
    ]);
    const log = await logOf(connectionId);
    expect(log.filter((e) => e.level === "error")).toEqual([]);
    expect(log.map((e) => e.message)).toContain(
      `Main account: first synchronization read the bank's history back to ${daysAgo(90)}, 90 days (Mock Bank refused a longer history, so 90 days are asked for from now on); the oldest transaction it returned is dated ${daysAgo(80)}.`,
    );
    const [institution] = await db.select().from(institutions).where(and(eq(institutions.provider, "enablebanking"), eq(institutions.name, "Mock Bank")));
    expect(institution).toMatchObject({ maxHistoryDays: 730, acceptedHistoryDays: 90 });

    // Another company connecting the same bank asks for 90 days straight away, even after the directory reloads.
    mock.requests.length = 0;
    const second = await connectMockBank();
    expect(second.outcome).toMatchObject({ status: "succeeded", inserted: 7 });
    expect(transactionQueries().map((r) => [r.query.date_from, r.status])).toEqual([[daysAgo(90), 200], [daysAgo(90), 200]]);
  });

  it("fails the run with the bank's refusal when even 90 days are refused", async () => {
    banks[0]!.historyDays = 30;
    const { connectionId, outcome } = await connectMockBank();
    expect(outcome).toMatchObject({ status: "failed", errorCode: "history_period_refused", message: "The bank does not return transactions that far back." });
    expect(transactionQueries().map((r) => r.query.date_from)).toEqual([daysAgo(730), daysAgo(365), daysAgo(180), daysAgo(90)]);
    expect((await logOf(connectionId)).filter((e) => e.level === "error")).toHaveLength(1);
  });
});
