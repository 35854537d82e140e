/**
 * GoCardless's 4 transaction calls per account and day, through the app's own services
 * against the contract mock: four syncs a day reach the bank, the fifth is refused
 * before any call, and a retry loop cannot get past the budget.
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
import { budgetStatus } from "./status";

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
  if (!started.ok) throw new Error(started.error);
  const completed = await completeConnect(deps, actor, (await mock.consent(started.redirectUrl)).searchParams);
  if (!completed.ok) throw new Error(completed.error);
  const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, completed.connectionId));
  const selections = parseAuthorized(connection!.authorizedAccounts).map((a) => ({ providerAccountId: a.providerAccountId, mapToBankAccountId: null }));
  const confirmed = await confirmAccountSelection(deps, actor, { connectionId: completed.connectionId, selections });
  if (!confirmed.ok) throw new Error(confirmed.error);
  expect(confirmed.outcome.status).toBe("succeeded");
  const accounts = await db.select({ id: bankAccounts.id, name: bankAccounts.name }).from(bankAccounts).where(eq(bankAccounts.connectionId, completed.connectionId));
  return { actor, connectionId: completed.connectionId, accounts };
}

/** Transaction calls GoCardless received. */
const transactionCalls = () => mock.calls.filter((call) => /^GET .*\/accounts\/[^/]+\/transactions\/$/.test(call)).length;

describe("GoCardless call budget", () => {
  it("lets four syncs a day reach the bank and refuses the fifth before calling it", async () => {
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

    const calls = mock.calls.length;
    const fifth = await fetchTransactionsForAccount(deps, actor, { bankAccountId: accounts[0]!.id });
    expect(fifth).toMatchObject({ status: "rate_limited", message: "No calls left today for this bank (4 per day). Next refresh allowed at 2025-06-16 00:00 UTC." });
    const scheduled = await syncConnection(deps, { ...actor, connectionId, trigger: "scheduled" });
    expect(scheduled).toMatchObject({ status: "rate_limited", message: "Daily limit of 4 calls per account reached; next refresh allowed at 2025-06-16 00:00 UTC." });
    expect(mock.calls.length).toBe(calls);
    expect((await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId))).map((r) => r.errorCode).filter(Boolean)).toEqual(["rate_limited"]);

    clock.now = new Date("2025-06-16T06:00:00Z");
    expect((await fetchTransactionsForAccount(deps, actor, { bankAccountId: accounts[0]!.id })).status).toBe("succeeded");
    expect(transactionCalls()).toBe(10);
  });

  it("does not let retries spend a fifth call, even when every attempt fails", async () => {
    const { actor, connectionId } = await connectMockBank();
    // GoCardless answers garbage: each attempt is a transient error the scheduler retries.
    mock.malformed = true;
    const retryLoop = () => syncWithLock(deps, { companyId: actor.companyId, connectionId }, { retryDelaysMs: [0, 0, 0, 0, 0, 0, 0, 0], sleep: async () => {} });
    const outcome = await retryLoop();
    // Three attempts took the three calls left; the fourth was refused by the budget, which stops the loop.
    expect(outcome).toMatchObject({ status: "rate_limited", message: "Daily limit of 4 calls per account reached; next refresh allowed at 2025-06-16 00:00 UTC." });
    const runs = await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId));
    expect(runs.filter((r) => r.errorCode === "provider_transient").length).toBe(3);
    expect(runs.length).toBe(5);

    mock.malformed = false;
    const before = mock.calls.length;
    expect((await retryLoop())?.status).toBe("rate_limited");
    expect(mock.calls.length).toBe(before);
  });

  it("skips an account with no calls left and fetches the others, saying so in the log", async () => {
    const { actor, connectionId, accounts } = await connectMockBank();
    const [spent, other] = accounts;
    await db.update(providerCallCounts).set({ calls: 4 }).where(and(eq(providerCallCounts.connectionId, connectionId), eq(providerCallCounts.scope, spent!.id)));
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
    await db.update(providerCallCounts).set({ calls: 4 }).where(and(eq(providerCallCounts.connectionId, connectionId), eq(providerCallCounts.scope, other!.id)));
    expect(await eligible()).not.toContain(connectionId);
  });
});
