import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections, syncRuns } from "@/db/schema";
import { createSandboxProvider } from "@/lib/providers/sandbox/sandbox-provider";
import { sandboxProviderConfig } from "@/lib/providers/sandbox/config";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { syncWithLock } from "./locked-run";
import { runScheduledPass, startScheduler } from "./scheduler";
import { recordLoginRequired } from "@/lib/sync/run";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const HOUR = 60 * 60_000;
const INTERVAL = 12 * HOUR;
const at = (iso: string) => new Date(iso);

async function runsOf(connectionId: string, trigger?: "scheduled" | "retry") {
  return db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), trigger ? eq(syncRuns.trigger, trigger) : undefined));
}

describe("built-in scheduler", () => {
  it("synchronizes eligible connections without a click and leaves the others alone", async () => {
    world.clock.now = at("2026-11-25T09:00:00Z");
    const plain = await connectBank(world, "Demo Bank");
    const autoOff = await connectBank(world, "Demo Bank 90 days");
    await db.update(bankConnections).set({ autoSync: false }).where(eq(bankConnections.id, autoOff.connectionId));
    const broken = await connectBank(world, "Demo Bank Beta");
    await recordLoginRequired(db, { companyId: broken.actor.companyId, connectionId: broken.connectionId, now: new Date(world.clock.now.getTime() + 60_000) }); // the bank's notice, a minute after the sync
    const manualOnly = await connectBank(world, "Demo Bank Manual Only");

    world.clock.now = at("2026-11-27T09:00:00Z");
    const pass = await runScheduledPass(world.deps, { intervalMs: INTERVAL });
    expect(pass).toMatchObject({ ran: true, synced: 1, skipped: 0 });
    const scheduled = await runsOf(plain.connectionId, "scheduled");
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toMatchObject({ status: "succeeded", orchestrator: "scheduler" });
    expect(scheduled[0]!.inserted).toBeGreaterThan(0);
    for (const other of [autoOff, broken, manualOnly]) expect(await runsOf(other.connectionId, "scheduled")).toHaveLength(0);

    // Within half an interval the same connection is not synchronized again.
    world.clock.now = at("2026-11-27T11:00:00Z");
    expect((await runScheduledPass(world.deps, { intervalMs: INTERVAL })).synced).toBe(0);
  });

  it("lets one of two racing processes run the fan-out and a connection only once", async () => {
    world.clock.now = at("2026-11-25T09:00:00Z");
    const { connectionId } = await connectBank(world, "Demo Bank");
    world.clock.now = at("2026-11-26T09:00:00Z");
    const [a, b] = await Promise.all([
      runScheduledPass(world.deps, { intervalMs: INTERVAL }),
      runScheduledPass(world.deps, { intervalMs: INTERVAL }),
    ]);
    expect([a.ran, b.ran].filter(Boolean)).toHaveLength(1);
    expect(await runsOf(connectionId, "scheduled")).toHaveLength(1);

    world.clock.now = at("2026-11-28T09:00:00Z");
    const [x, y] = await Promise.all([
      syncWithLock(world.deps, { companyId: (await runsOf(connectionId))[0]!.companyId, connectionId }),
      syncWithLock(world.deps, { companyId: (await runsOf(connectionId))[0]!.companyId, connectionId }),
    ]);
    expect([x, y].filter((o) => o !== null)).toHaveLength(1);
  });

  it("does not retry a rate-limited connection before the bank allows it", async () => {
    world.clock.now = at("2026-11-25T09:00:00Z");
    const limited = await connectBank(world, "Demo Bank Daily Limit");
    const refused = await syncConnection(world.deps, { ...limited.actor, connectionId: limited.connectionId, trigger: "manual" });
    expect(refused.status).toBe("rate_limited");

    world.clock.now = at("2026-11-25T23:00:00Z");
    expect((await runScheduledPass(world.deps, { intervalMs: HOUR })).synced).toBe(0);
    world.clock.now = at("2026-11-26T00:30:00Z");
    const next = await runScheduledPass(world.deps, { intervalMs: HOUR });
    expect(next.synced).toBe(1);
    expect(next.outcomes[0]!.status).toBe("succeeded");
  });

  it("retries transient provider errors a bounded number of times", async () => {
    world.clock.now = at("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const down = createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: "http://127.0.0.1:9/sandbox", timeoutMs: 1_000 });
    const slept: number[] = [];
    const outcome = await syncWithLock({ ...world.deps, provider: () => down }, { ...actor, connectionId }, {
      retryDelaysMs: [10, 20], sleep: async (ms) => void slept.push(ms),
    });
    expect(outcome?.errorCode).toBe("provider_transient");
    expect(slept).toEqual([10, 20]);
    expect((await runsOf(connectionId, "retry")).map((r) => r.status)).toEqual(["failed", "failed"]);
  });

  it("runs passes on its own timer", async () => {
    world.clock.now = at("2026-11-25T09:00:00Z");
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    await db.update(syncRuns).set({ startedAt: at("2026-01-01T00:00:00Z") }).where(eq(syncRuns.connectionId, connectionId));
    const previous = process.env.SANDBOX_BASE_URL;
    process.env.SANDBOX_BASE_URL = world.server.baseUrl;
    const timer = startScheduler(db, { intervalMs: 60 * 60_000, firstPassAfterMs: 50 });
    try {
      await expect.poll(async () => (await runsOf(connectionId, "scheduled")).length, { timeout: 10_000 }).toBe(1);
      expect(timer.lastPassAt()).not.toBeNull();
    } finally {
      timer.stop();
      process.env.SANDBOX_BASE_URL = previous;
    }
  });
});
