/**
 * GoCardless's 4 successful calls per account, scope (details, balances, transactions)
 * and UTC day, through the app's own services against the contract mock: linking and
 * syncs together never make a fifth call of any scope, so the bank never answers 429; a
 * run refused by the budget spends nothing; an expired or lost consent is reported with
 * Reconnect even once the day's calls are spent; a retry loop cannot get past the budget.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, institutions, providerCallCounts, syncRuns } from "@/db/schema";
import { syncWithLock } from "@/lib/background/locked-run";
import { completeConnect, confirmAccountSelection, parseAuthorized, startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { refreshInstitutions } from "@/lib/institutions/directory";
import { goCardlessConfig } from "@/lib/providers/gocardless/config";
import { createGoCardlessProvider } from "@/lib/providers/gocardless/gocardless-provider";
import { MOCK_SECRET_ID, MOCK_SECRET_KEY, serveGoCardlessMock, type GoCardlessMock } from "@/lib/providers/gocardless/testing/mock-server";
import { selectEligibleConnections } from "@/lib/sync/eligible";
import { fetchTransactionsForAccount } from "@/lib/sync/fetch-account";
import { syncConnection } from "@/lib/sync/run-sync";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { shownStateOf } from "@/lib/testing/shown-state";
import { budgetStatus } from "./status";
import { englishText } from "@/lib/i18n/stored-message";

const clock = { now: new Date("2025-06-15T10:00:00.000Z") };
let mock: GoCardlessMock;
let deps: ConnectDeps;

beforeEach(async () => {
  clock.now = new Date("2025-06-15T10:00:00.000Z");
  mock = await serveGoCardlessMock({ now: () => clock.now });
  const provider = createGoCardlessProvider(
    { ...goCardlessConfig({}), baseUrl: mock.baseUrl, secretId: MOCK_SECRET_ID, secretKey: MOCK_SECRET_KEY, timeoutMs: 5_000 },
    fetch,
    () => clock.now,
  );
  deps = { db, provider: () => provider, now: () => clock.now };
  await refreshInstitutions(db, provider, clock.now);
});

afterEach(async () => {
  await mock.close();
});

/** Connects "Mock Bank" with both its accounts; the first sync spends one call of each. */
async function connectMockBank() {
  const { company, user } = await createCompanyWithUser(db);
  const actor = { companyId: company.id, userId: user.id };
  const [bank] = await db.select().from(institutions).where(and(eq(institutions.provider, "gocardless"), eq(institutions.name, "Mock Bank"), eq(institutions.country, "DE")));
  const started = await startConnect(deps, actor, { institutionId: bank!.id, consent: true, callbackUrl: "http://app.test/connect/callback" });
  if (!started.ok) throw new Error(englishText(started.error));
  const completed = await completeConnect(deps, actor, (await mock.consent(started.redirectUrl)).searchParams);
  if (!completed.ok) throw new Error(englishText(completed.error));
  const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, completed.connectionId));
  const selections = parseAuthorized(connection!.authorizedAccounts).map((a) => ({ providerAccountId: a.providerAccountId, mapToBankAccountId: null }));
  const confirmed = await confirmAccountSelection(deps, actor, { connectionId: completed.connectionId, selections });
  if (!confirmed.ok) throw new Error(englishText(confirmed.error));
  expect(confirmed.outcome.status).toBe("succeeded");
  const accounts = await db.select({ id: bankAccounts.id, name: bankAccounts.name }).from(bankAccounts).where(eq(bankAccounts.connectionId, completed.connectionId));
  return { actor, connectionId: completed.connectionId, accounts };
}

/** Transaction calls GoCardless received. */
const transactionCalls = () => mock.calls.filter((call) => /^GET .*\/accounts\/[^/]+\/transactions\/$/.test(call)).length;
/** Calls of the scopes the bank limits (details, balances, transactions). */
const limitedCalls = () => mock.calls.filter((call) => /\/accounts\/[^/]+\/(details|balances|transactions)\/$/.test(call)).length;
/** The bank's own count of successful calls today, per GoCardless account and scope. */
const bankCounts = () =>
  [...mock.requisitions.values()].flatMap((requisition) =>
    requisition.accounts.map((id) => ["details", "balances", "transactions"].map((scope) => mock.successfulCalls(id, scope))),
  );
const eventMessages = async (connectionId: string) =>
  (await db.select({ message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId))).map((e) => e.message);

describe("GoCardless call budget", () => {
  it("counts linking's reads too: connect and syncs all day never make a fifth call of any scope, and the bank never answers 429", async () => {
    const { actor, connectionId, accounts } = await connectMockBank();
    // Linking read details and balances once, the first sync one of each: two of four.
    expect(bankCounts()).toEqual([[2, 2, 1], [2, 2, 1]]);
    for (let i = 0; i < 3; i++) {
      clock.now = new Date(clock.now.getTime() + 60 * 60_000);
      expect((await syncConnection(deps, { ...actor, connectionId, trigger: "manual" })).status).toBe("succeeded");
    }
    expect(bankCounts()).toEqual([[4, 4, 4], [4, 4, 4]]);
    expect(mock.refusedCalls).toEqual([]);
    // The fourth sync still read the transactions, and said the balance was not read rather than keep it silently.
    expect(await eventMessages(connectionId)).toContain(
      "Main Account: balance not updated: the bank allows 4 calls a day to read it and today's are used. The balance shown is the last one read; next read allowed at 2025-06-16 00:00 UTC.",
    );
    for (let i = 0; i < 3; i++) {
      clock.now = new Date(clock.now.getTime() + 60 * 60_000);
      expect((await syncConnection(deps, { ...actor, connectionId, trigger: i === 0 ? "scheduled" : "manual" })).status).toBe("rate_limited");
      expect((await fetchTransactionsForAccount(deps, actor, { bankAccountId: accounts[0]!.id })).status).toBe("rate_limited");
    }
    expect(bankCounts()).toEqual([[4, 4, 4], [4, 4, 4]]);
    expect(mock.refusedCalls).toEqual([]);
  });

  it("lets four syncs a day reach the bank and refuses the fifth before any limited call, spending nothing", async () => {
    const { actor, connectionId, accounts } = await connectMockBank();
    expect(transactionCalls()).toBe(2);
    for (let i = 0; i < 3; i++) {
      clock.now = new Date(clock.now.getTime() + 60 * 60_000);
      expect((await syncConnection(deps, { ...actor, connectionId, trigger: "manual" })).status).toBe("succeeded");
    }
    // Four per account, and never one more: GoCardless never had to answer 429.
    expect(transactionCalls()).toBe(8);
    const status = await budgetStatus(db, { connectionId, now: clock.now });
    expect(status?.scope).toBe("account");
    expect(status?.entries.map((e) => [e.dailyLimit, e.remaining, e.nextAllowedAt])).toEqual([
      [4, 0, new Date("2025-06-16T00:00:00Z")], [4, 0, new Date("2025-06-16T00:00:00Z")],
    ]);

    const calls = limitedCalls();
    const counted = await db.select().from(providerCallCounts).where(eq(providerCallCounts.connectionId, connectionId)).orderBy(providerCallCounts.scope);
    const fifth = await fetchTransactionsForAccount(deps, actor, { bankAccountId: accounts[0]!.id });
    expect(fifth).toMatchObject({ status: "rate_limited", message: "Daily limit of 4 calls per account reached; next refresh allowed at 2025-06-16 00:00 UTC." });
    const scheduled = await syncConnection(deps, { ...actor, connectionId, trigger: "scheduled" });
    expect(scheduled).toMatchObject({ status: "rate_limited", message: "Daily limit of 4 calls per account reached; next refresh allowed at 2025-06-16 00:00 UTC." });
    // Only the consent check, which costs nothing at the bank; the refused runs took nothing from the budget.
    expect(limitedCalls()).toBe(calls);
    expect(await db.select().from(providerCallCounts).where(eq(providerCallCounts.connectionId, connectionId)).orderBy(providerCallCounts.scope)).toEqual(counted);
    expect((await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId))).map((r) => r.errorCode).filter(Boolean)).toEqual(["rate_limited", "rate_limited"]);

    clock.now = new Date("2025-06-16T06:00:00Z");
    expect((await fetchTransactionsForAccount(deps, actor, { bankAccountId: accounts[0]!.id })).status).toBe("succeeded");
    expect(transactionCalls()).toBe(10);
  });

  it("reports an expired consent with Reconnect even when the day's calls are spent, and spends nothing on it", async () => {
    const { actor, connectionId, accounts } = await connectMockBank();
    await db.update(providerCallCounts).set({ calls: 4 }).where(eq(providerCallCounts.connectionId, connectionId));
    mock.expire([...mock.requisitions.keys()][0]!);
    // Later the same day, as a user would click: the connection shows its newest run.
    clock.now = new Date(clock.now.getTime() + 60 * 60_000);
    const calls = limitedCalls();
    const outcome = await fetchTransactionsForAccount(deps, actor, { bankAccountId: accounts[0]!.id });
    expect(outcome).toMatchObject({ status: "failed", errorCode: "consent_expired" });
    expect(outcome.message).toContain("Reconnect the bank");
    // The connection shows what its newest run says: needs the user (Reconnect).
    expect(await shownStateOf(connectionId)).toBe("error");
    expect(limitedCalls()).toBe(calls);
  });

  it("treats a 403 'No valid End User Agreement' as a lost consent that needs Reconnect", async () => {
    const { actor, connectionId } = await connectMockBank();
    // The requisition and its agreement still read as linked: only the account endpoints know.
    mock.invalidateAgreement([...mock.requisitions.keys()][0]!);
    clock.now = new Date(clock.now.getTime() + 60 * 60_000);
    const outcome = await syncConnection(deps, { ...actor, connectionId, trigger: "manual" });
    expect(outcome).toMatchObject({ status: "failed", errorCode: "consent_expired" });
    expect(outcome.message).toContain("Reconnect the bank");
    expect(await shownStateOf(connectionId)).toBe("error");
  });

  it("does not let retries spend a fifth call, even when every attempt fails", async () => {
    const { actor, connectionId } = await connectMockBank();
    // The bank's transactions answer is garbage: each attempt is a transient error the scheduler retries.
    mock.malformed = /\/transactions\/$/;
    const retryLoop = () => syncWithLock(deps, { companyId: actor.companyId, connectionId }, { retryDelaysMs: [0, 0, 0, 0, 0, 0, 0, 0], sleep: async () => {} });
    const outcome = await retryLoop();
    // Each attempt fails at the first account still allowed: three attempts spend the first
    // account's three calls left, three more the second's; then the budget stops the loop.
    expect(outcome).toMatchObject({ status: "rate_limited", message: "Daily limit of 4 calls per account reached; next refresh allowed at 2025-06-16 00:00 UTC." });
    const runs = await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId));
    expect(runs.filter((r) => r.errorCode === "provider_transient").length).toBe(6);
    expect(runs.length).toBe(8);
    expect(transactionCalls()).toBe(8);

    mock.malformed = false;
    const before = limitedCalls();
    expect((await retryLoop())?.status).toBe("rate_limited");
    expect(limitedCalls()).toBe(before);
    expect(mock.refusedCalls).toEqual([]);
  });

  it("skips an account with no calls left and fetches the others, saying so in the log", async () => {
    const { actor, connectionId, accounts } = await connectMockBank();
    const [spent, other] = accounts;
    const transactionsScope = async (bankAccountId: string) => {
      const [account] = await db.select({ providerAccountId: bankAccounts.providerAccountId }).from(bankAccounts).where(eq(bankAccounts.id, bankAccountId));
      return and(eq(providerCallCounts.connectionId, connectionId), eq(providerCallCounts.scope, `${account!.providerAccountId}|transactions`));
    };
    await db.update(providerCallCounts).set({ calls: 4 }).where(await transactionsScope(spent!.id));
    const eligible = async () => (await selectEligibleConnections(db, { now: clock.now, limit: 50 })).map((c) => c.id);
    // One account still has calls: the schedule still synchronizes the connection.
    expect(await eligible()).toContain(connectionId);
    const before = transactionCalls();
    const outcome = await syncConnection(deps, { ...actor, connectionId, trigger: "manual" });
    expect(outcome.status).toBe("succeeded");
    expect(transactionCalls()).toBe(before + 1);
    const log = await db.select({ message: connectionEvents.message, bankAccountId: connectionEvents.bankAccountId }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
    expect(log).toContainEqual({ bankAccountId: spent!.id, message: `${spent!.name}: no calls left today (4 per day); skipped until 2025-06-16 00:00 UTC.` });
    const status = await budgetStatus(db, { connectionId, now: clock.now });
    expect(status?.entries.find((e) => e.bankAccountId === other!.id)?.remaining).toBe(2);
    await db.update(providerCallCounts).set({ calls: 4 }).where(await transactionsScope(other!.id));
    expect(await eligible()).not.toContain(connectionId);
  });
});
