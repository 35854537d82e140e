/**
 * The fault suite: synchronizations under injected provider failures must end with every
 * posted transaction of the provider stored exactly once and nothing else, with the run
 * and the connection log saying what happened. Faults are drawn from a fixed seed per
 * case; a failure prints the seed to replay it (FAULT_SEED=<n> runs only that one).
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, syncRuns, transactions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { createSandboxProvider } from "@/lib/providers/sandbox/sandbox-provider";
import { sandboxProviderConfig } from "@/lib/providers/sandbox/config";
import type { Provider } from "@/lib/providers/types";
import { faultyFetch, seededRandom, type Fault } from "@/lib/testing/faulty-fetch";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { STALE_RUN_MS } from "./run";
import { syncConnection } from "./run-sync";
import { shownStateOf } from "@/lib/testing/shown-state";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld(new Date("2026-11-25T09:00:00Z"));
});
afterAll(async () => {
  await world.server.close();
});

function providerWith(fetchImpl: typeof fetch): Provider {
  // Small pages, so a sync makes many requests and faults land between pages too. The
  // timeout ends an injected "timeout" fault; at 300 ms a healthy request on a loaded
  // 2-core machine sometimes hit it too and failed the consent, which is not under test.
  return createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: world.server.baseUrl, timeoutMs: 1_500, pageSize: 40 }, fetchImpl);
}

/** The provider's truth: the posted ids of every synchronized account over the window we imported. */
async function providerTruth(connectionId: string, from: string, to: string): Promise<Set<string>> {
  const clean = providerWith(fetch);
  const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
  const session = await clean.openRefresh({ connectionRef: decryptSecret(connection!.providerRefEncrypted!), background: false, mfa: undefined });
  const accounts = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId));
  const ids = new Set<string>();
  for (const account of accounts) {
    for await (const page of clean.getTransactions(session, { providerAccountId: account.providerAccountId!, from, to })) {
      for (const t of page) if (t.status === "posted") ids.add(t.providerTransactionId);
    }
  }
  return ids;
}

async function storedIds(connectionId: string): Promise<string[]> {
  const accounts = await db.select({ id: bankAccounts.id }).from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId));
  const rows = await db
    .select({ id: transactions.onlineTransactionId })
    .from(transactions)
    .where(inArray(transactions.bankAccountId, accounts.map((a) => a.id)));
  return rows.map((r) => r.id!);
}

const allInjected: Fault[] = [];
const SEEDS = process.env.FAULT_SEED ? [Number(process.env.FAULT_SEED)] : Array.from({ length: 12 }, (_, i) => 1000 + i * 7919);

describe("fault suite: nothing lost, nothing doubled", () => {
  for (const seed of SEEDS) {
    it(`converges to the provider's truth under random faults (seed ${seed})`, async () => {
      world.clock.now = new Date("2026-11-25T09:00:00Z");
      const injected: Fault[] = [];
      const faulty = providerWith(faultyFetch({ random: seededRandom(seed), probability: 0.25, injected }));
      const deps = { ...world.deps, provider: () => faulty };
      try {
        // The first sync runs under faults too (the consent itself is not faulted).
        const { actor, connectionId } = await connectBank({ ...world, deps }, "Demo Bank 90 days", { username: `seed-${seed}` });
        let outcome = { status: "failed" } as Awaited<ReturnType<typeof syncConnection>>;
        for (let attempt = 0; attempt < 40 && outcome.status !== "succeeded"; attempt += 1) {
          outcome = await syncConnection(deps, { ...actor, connectionId, trigger: "retry" });
          if (outcome.status !== "succeeded") {
            expect(["failed", "rate_limited"]).toContain(outcome.status);
            expect(outcome.errorReference).toMatch(/^OBS-/);
          }
        }
        expect(outcome.status).toBe("succeeded");

        const stored = await storedIds(connectionId);
        const truth = await providerTruth(connectionId, "2026-08-27", "2026-11-25");
        expect(new Set(stored).size).toBe(stored.length); // nothing twice
        expect([...stored].sort()).toEqual([...truth].sort()); // nothing lost, nothing else

        // Every failed run left its reason in the run and the log.
        const failed = await db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), inArray(syncRuns.status, ["failed", "rate_limited"])));
        const logged = await db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
        for (const run of failed) {
          expect(run.errorMessage).toBeTruthy();
          expect(logged.some((e) => e.syncRunId === run.id && e.errorReference === run.errorReference)).toBe(true);
        }
        expect(await shownStateOf(connectionId)).toBe("active");
        allInjected.push(...injected);
      } catch (error) {
        console.error(`Fault suite failed with seed ${seed} (replay: FAULT_SEED=${seed}); faults injected: ${injected.join(", ")}`);
        throw error;
      }
    });
  }

  it.runIf(!process.env.FAULT_SEED)("the seeds above injected every kind of fault", () => {
    expect(new Set(allInjected)).toEqual(new Set(["timeout", "server_error", "rate_limited", "malformed_json", "truncated", "duplicate_in_page", "connection_reset"]));
  });

  it("a provider returning the same transaction twice in one page stores it once", async () => {
    const injected: Fault[] = [];
    const faulty = providerWith(faultyFetch({ random: () => 0, probability: 1, injected, only: ["duplicate_in_page"] }));
    const { connectionId, firstSync } = await connectBank({ ...world, deps: { ...world.deps, provider: () => faulty } }, "Demo Bank 90 days", { username: "dup-page" });
    expect(firstSync.status).toBe("succeeded");
    expect(firstSync.skipped).toBeGreaterThan(0);
    const stored = await storedIds(connectionId);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.length).toBe(firstSync.inserted);
  });

  it("a run left behind by a process that died does not block the connection for ever", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank 90 days", { username: "died" });
    const before = (await storedIds(connectionId)).length;
    // The process died mid-sync: its run stayed "running"; its transaction was rolled back.
    await db.insert(syncRuns).values({ companyId: actor.companyId, connectionId, trigger: "scheduled", status: "running", startedAt: new Date(world.clock.now.getTime() - 60_000) });
    const soon = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(soon.message).toBe("A synchronization of this connection is already running.");

    world.clock.now = new Date(world.clock.now.getTime() + STALE_RUN_MS + 60_000);
    const later = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(later.status).toBe("succeeded");
    const [interrupted] = await db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.errorCode, "interrupted")));
    expect(interrupted).toBeDefined();
    expect((await storedIds(connectionId)).length).toBe(before + later.inserted);
  });

  it("two syncs of the same connection at once: one runs, the other is refused, nothing doubles", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank 90 days", { username: "twice" });
    await db.delete(transactions);
    const [a, b] = await Promise.all([
      syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" }),
      syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual(["failed", "succeeded"]);
    expect([a, b].find((o) => o.status === "failed")!.message).toBe("A synchronization of this connection is already running.");
    const stored = await storedIds(connectionId);
    expect(new Set(stored).size).toBe(stored.length);
    const [n] = await db.select({ n: count() }).from(transactions);
    expect(n!.n).toBe(stored.length);
  });
});
