/**
 * The call budget against the Sandbox's "Demo Bank Daily Limit" (one refresh per
 * connection and UTC day): every path shares it, nothing is sent to the Sandbox once it
 * is spent, and it comes back the next UTC day.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, institutions, providerCallCounts, syncRuns } from "@/db/schema";
import { syncWithLock } from "@/lib/background/locked-run";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { findMissingTransactions } from "@/lib/missing/find";
import { createSandboxProvider } from "@/lib/providers/sandbox/sandbox-provider";
import { sandboxProviderConfig } from "@/lib/providers/sandbox/config";
import { serveSandbox } from "@/lib/sandbox/serve";
import { selectEligibleConnections } from "@/lib/sync/eligible";
import { fetchTransactionsForAccount } from "@/lib/sync/fetch-account";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { reserveCall } from "./reserve";
import { budgetStatus } from "./status";

/** What the Sandbox received, "METHOD /path". */
let received: string[] = [];
let world: SandboxWorld;

beforeAll(async () => {
  const clock = { now: new Date() };
  const server = await serveSandbox({ now: () => clock.now });
  const counting: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    received.push(`${init?.method ?? (input instanceof Request ? input.method : "GET")} ${url.pathname}`);
    return fetch(input, init);
  };
  const provider = createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: server.baseUrl, timeoutMs: 5_000 }, counting);
  world = { server, provider, clock, deps: { db, provider: () => provider, now: () => clock.now } };
});
afterAll(async () => {
  await world.server.close();
});
beforeEach(() => {
  world.clock.now = new Date("2026-11-25T09:00:00Z");
  received = [];
});

const refreshes = () => received.filter((line) => /^POST .*\/refresh$/.test(line)).length;
const sandboxCalls = () => received.filter((line) => /\/connections\//.test(line)).length;

async function connectDailyLimit() {
  const connected = await connectBank(world, "Demo Bank Daily Limit");
  expect(connected.firstSync.status).toBe("succeeded");
  const accounts = await db.select({ id: bankAccounts.id }).from(bankAccounts).where(eq(bankAccounts.connectionId, connected.connectionId));
  return { ...connected, bankAccountId: accounts[0]!.id };
}

describe("call budget of Demo Bank Daily Limit", () => {
  it("allows one fetch, then refuses Fetch Transactions without sending anything to the Sandbox", async () => {
    const { actor, connectionId, bankAccountId } = await connectDailyLimit();
    expect(refreshes()).toBe(1);
    const status = await budgetStatus(db, { connectionId, now: world.clock.now });
    expect(status?.entries).toEqual([{ bankAccountId: null, accountName: null, dailyLimit: 1, remaining: 0, nextAllowedAt: new Date("2026-11-26T00:00:00Z") }]);

    const before = sandboxCalls();
    const refused = await fetchTransactionsForAccount(world.deps, actor, { bankAccountId });
    expect(refused).toMatchObject({
      status: "rate_limited", runId: null, errorCode: "call_budget",
      message: "No calls left today for this bank (1 per day). Next refresh allowed at 2026-11-26 00:00 UTC.",
    });
    expect(refused.retryAfter).toEqual(new Date("2026-11-26T00:00:00Z"));
    expect(sandboxCalls()).toBe(before);
    expect(await world.server.store.countRefreshes(await sandboxConnectionId(connectionId), "2026-11-25")).toBe(1);
    expect((await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId))).length).toBe(1);
    const log = await db.select({ message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
    expect(log.map((e) => e.message)).toContain("Fetch Transactions not sent to the bank: No calls left today for this bank (1 per day). Next refresh allowed at 2026-11-26 00:00 UTC.");
  });

  it("ends retries, webhooks and Find Missing rate limited without calling, and the count never passes the limit", async () => {
    const { actor, connectionId, bankAccountId } = await connectDailyLimit();
    const before = sandboxCalls();
    for (const trigger of ["retry", "webhook", "scheduled", "manual"] as const) {
      const outcome = await syncConnection(world.deps, { ...actor, connectionId, trigger });
      expect(outcome).toMatchObject({ status: "rate_limited", message: "Daily limit of 1 call reached; next refresh allowed at 2026-11-26 00:00 UTC." });
      expect(outcome.retryAfter).toEqual(new Date("2026-11-26T00:00:00Z"));
    }
    const missing = await findMissingTransactions(world.deps, actor, { bankAccountId });
    expect(missing).toMatchObject({ ok: false, reason: "rate_limited", message: "No calls left today for this bank (1 per day). Next refresh allowed at 2026-11-26 00:00 UTC." });
    expect(sandboxCalls()).toBe(before);
    const [row] = await db.select().from(providerCallCounts).where(eq(providerCallCounts.connectionId, connectionId));
    expect(row).toMatchObject({ scope: "connection", calls: 1, periodStart: new Date("2026-11-25T00:00:00Z") });
  });

  it("is left out of the schedule while spent, and the budget comes back the next UTC day", async () => {
    const { actor, connectionId, bankAccountId } = await connectDailyLimit();
    const eligible = async () => (await selectEligibleConnections(db, { now: world.clock.now, limit: 50 })).map((c) => c.id);
    expect(await eligible()).not.toContain(connectionId);

    world.clock.now = new Date("2026-11-26T00:00:05Z");
    expect(await eligible()).toContain(connectionId);
    expect((await budgetStatus(db, { connectionId, now: world.clock.now }))?.entries[0]).toMatchObject({ remaining: 1, nextAllowedAt: null });
    const fetched = await fetchTransactionsForAccount(world.deps, actor, { bankAccountId });
    expect(fetched.status).toBe("succeeded");
    expect(refreshes()).toBe(2);
    expect((await budgetStatus(db, { connectionId, now: world.clock.now }))?.entries[0]).toMatchObject({ remaining: 0, nextAllowedAt: new Date("2026-11-27T00:00:00Z") });
    expect(await eligible()).not.toContain(connectionId);
  });

  it("lets a retry loop on transient errors spend no more than what is left", async () => {
    const { actor, connectionId } = await connectDailyLimit();
    world.clock.now = new Date("2026-11-26T08:00:00Z");
    const unreachable = createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: "http://127.0.0.1:9/sandbox", timeoutMs: 2_000 });
    // The aggregator cannot be reached: each attempt is a transient error the scheduler retries.
    const deps = { ...world.deps, provider: () => unreachable };
    const outcome = await syncWithLock(deps, { companyId: actor.companyId, connectionId }, { retryDelaysMs: [0, 0, 0, 0], sleep: async () => {} });
    // The first attempt took the day's only call; the first retry is refused by the budget, which ends the loop.
    expect(outcome).toMatchObject({ status: "rate_limited", message: "Daily limit of 1 call reached; next refresh allowed at 2026-11-27 00:00 UTC." });
    const runs = await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId));
    expect(runs.map((run) => [run.trigger, run.status, run.errorCode]).sort()).toEqual([
      ["first_sync", "succeeded", null], ["retry", "rate_limited", "rate_limited"], ["scheduled", "failed", "provider_transient"],
    ]);
    const [row] = await db.select().from(providerCallCounts).where(and(eq(providerCallCounts.connectionId, connectionId), eq(providerCallCounts.periodStart, new Date("2026-11-26T00:00:00Z"))));
    expect(row!.calls).toBe(1);
  });

  it("gives the last call to only one of two processes asking at the same time", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank");
    const [connection] = await db.select({ institutionId: institutions.id }).from(institutions).where(eq(institutions.name, "Demo Bank"));
    await db.update(institutions).set({ dailyCallLimit: 3 }).where(eq(institutions.id, connection!.institutionId));
    const takes = await Promise.all(Array.from({ length: 12 }, () => reserveCall(db, { connectionId, now: world.clock.now })));
    expect(takes.filter((take) => take.ok).length).toBe(3);
    expect(takes.filter((take) => !take.ok).length).toBe(9);
    const [row] = await db.select().from(providerCallCounts).where(and(eq(providerCallCounts.connectionId, connectionId), eq(providerCallCounts.scope, "connection")));
    expect(row!.calls).toBe(3);
  });
});

/** The Sandbox's id of the connection (what it counts refreshes by). */
async function sandboxConnectionId(connectionId: string): Promise<string> {
  const [row] = await db.select({ ref: bankConnections.providerRefEncrypted }).from(bankConnections).where(eq(bankConnections.id, connectionId));
  return decryptSecret(row!.ref!);
}
