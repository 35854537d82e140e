import { InngestTestEngine, mockCtx } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import type { Context } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { createScheduledSyncFunction } from "@/inngest/functions/scheduled-sync";
import { createSyncConnectionFunction } from "@/inngest/functions/sync-connection";
import { createSandboxProvider } from "@/lib/providers/sandbox/sandbox-provider";
import { sandboxProviderConfig } from "@/lib/providers/sandbox/config";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { DEFAULT_SYNC_INTERVAL_MS } from "./interval";
import { syncWithLock } from "./locked-run";
import { SYNC_POLICY, TRANSIENT_RETRIES } from "./policy";
import { runScheduledPass } from "./scheduler";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const at = (iso: string) => new Date(iso);

describe("one schedule policy for both engines", () => {
  it("has Inngest and the built-in scheduler pick the same connections, leaving alone those synchronized within six hours", async () => {
    world.clock.now = at("2026-11-25T09:00:00Z");
    const stale = await connectBank(world, "Demo Bank");
    world.clock.now = at("2026-11-25T16:00:00Z");
    const recent = await connectBank(world, "Demo Bank 90 days");
    world.clock.now = at("2026-11-25T21:30:00Z");

    const inngestPass = await new InngestTestEngine({
      function: createScheduledSyncFunction({ db, now: () => world.clock.now }),
      steps: [{ id: "request-syncs-page-1", handler: () => ({ ids: [] }) }],
    }).execute();
    const sent = (inngestPass.ctx.step.sendEvent.mock.calls as [string, { data: { connectionId: string } }[]][]).flatMap(([, events]) => events);
    const builtIn = await runScheduledPass(world.deps, { intervalMs: DEFAULT_SYNC_INTERVAL_MS });

    // Connected 5 h 30 min before the pass: recent for both; 12 h 30 min: due for both.
    expect(sent.map((e) => e.data.connectionId)).toEqual([stale.connectionId]);
    expect(builtIn.synced).toBe(1);
    const scheduled = await db.select({ connectionId: syncRuns.connectionId }).from(syncRuns).where(eq(syncRuns.trigger, "scheduled"));
    expect(scheduled.map((r) => r.connectionId)).toEqual([stale.connectionId]);
    expect(scheduled.map((r) => r.connectionId)).not.toContain(recent.connectionId);
  });

  it("retries a transient failure as often on Inngest as on the built-in engine, and both record the retries as retry runs", async () => {
    world.clock.now = at("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const down = createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: "http://127.0.0.1:9/sandbox", timeoutMs: 1_000 });
    const deps = { ...world.deps, provider: () => down };

    await syncWithLock(deps, { ...actor, connectionId }, { sleep: async () => {} });
    const builtInRuns = await db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.orchestrator, "scheduler")));
    expect(builtInRuns).toHaveLength(1 + TRANSIENT_RETRIES);
    expect(builtInRuns.filter((r) => r.trigger === "retry")).toHaveLength(TRANSIENT_RETRIES);

    const fn = createSyncConnectionFunction(deps);
    expect(fn.opts.retries).toBe(TRANSIENT_RETRIES);
    expect(SYNC_POLICY.transientRetryDelaysMs).toHaveLength(TRANSIENT_RETRIES);
    // Inngest's second attempt of the function (after the first failed) is a retry run.
    const retry = new InngestTestEngine({
      function: fn,
      events: [{ name: "bank/sync.requested", data: { ...actor, connectionId, provider: "sandbox", trigger: "scheduled" } }],
      transformCtx: (raw) => ({ ...mockCtx(raw), attempt: 1 }) as unknown as Context.Any,
    });
    await retry.executeStep("sync");
    const inngestRuns = await db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.orchestrator, "inngest")));
    expect(inngestRuns.map((r) => [r.trigger, r.errorCode])).toEqual([["retry", "provider_transient"]]);
  });
});
