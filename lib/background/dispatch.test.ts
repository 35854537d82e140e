import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections, syncRuns } from "@/db/schema";
import { syncConnection } from "@/lib/sync/run-sync";
import { recordingInngestClient } from "@/lib/testing/inngest-recorder";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { syncStep } from "@/inngest/functions/sync-connection";
import { dispatchSync, dispatchSyncs, queueSync, type DispatchEngine } from "./dispatch";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

async function runsOf(connectionId: string) {
  return db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId)).orderBy(syncRuns.startedAt);
}

/** The Inngest engine, with its events recorded (and checked against their schemas) instead of sent. */
function inngestEngine() {
  const { sent, client } = recordingInngestClient();
  const engine: DispatchEngine = { kind: "inngest", send: async (events) => void (await client.send(events)) };
  return { sent, engine };
}

describe("dispatchSync", () => {
  it("runs a user's Fetch Transactions inline, even when Inngest runs the background work", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const { sent, engine } = inngestEngine();
    world.clock.now = new Date("2026-11-26T09:00:00Z");
    const dispatched = await dispatchSync({ ...world.deps, engine }, { companyId: actor.companyId, connectionId, trigger: "manual", actorUserId: actor.userId });
    expect(dispatched).toMatchObject({ engine: "inline", outcome: { status: "succeeded" } });
    expect(sent).toEqual([]);
    expect((await runsOf(connectionId)).map((r) => [r.trigger, r.orchestrator])).toEqual([["first_sync", "inline"], ["manual", "inline"]]);
  });

  it("hands scheduled and webhook requests to Inngest as one event each, with the provider and the dedupe id, and runs nothing here", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const a = await connectBank(world, "Demo Bank");
    const b = await connectBank(world, "Demo Bank 90 days");
    const { sent, engine } = inngestEngine();
    const dispatched = await dispatchSyncs({ ...world.deps, engine }, [
      { companyId: a.actor.companyId, connectionId: a.connectionId, trigger: "scheduled", dedupeId: "scheduled-a" },
      { companyId: b.actor.companyId, connectionId: b.connectionId, trigger: "webhook" },
    ]);
    expect(dispatched).toEqual([{ engine: "inngest", outcome: null }, { engine: "inngest", outcome: null }]);
    expect(sent).toEqual([
      expect.objectContaining({ name: "bank/sync.requested", id: "scheduled-a", data: { connectionId: a.connectionId, companyId: a.actor.companyId, provider: "sandbox", trigger: "scheduled" } }),
      expect.objectContaining({ name: "bank/sync.requested", data: { connectionId: b.connectionId, companyId: b.actor.companyId, provider: "sandbox", trigger: "webhook" } }),
    ]);
    expect((await runsOf(a.connectionId)).map((r) => r.trigger)).toEqual(["first_sync"]);
  });

  it("refuses to send a request for another company's connection", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank");
    const other = await connectBank(world, "Demo Bank");
    const { sent, engine } = inngestEngine();
    await expect(dispatchSync({ ...world.deps, engine }, { companyId: other.actor.companyId, connectionId, trigger: "webhook" })).rejects.toThrow(/does not belong/);
    expect(sent).toEqual([]);
  });

  it("runs a webhook's request on the built-in engine, under the connection's lock, as the scheduler", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    world.clock.now = new Date("2026-11-26T09:00:00Z");
    const dispatched = await dispatchSync({ ...world.deps, engine: { kind: "built-in" } }, { companyId: actor.companyId, connectionId, trigger: "webhook" });
    expect(dispatched).toMatchObject({ engine: "scheduler", outcome: { status: "succeeded" } });
    expect((await runsOf(connectionId)).map((r) => [r.trigger, r.orchestrator])).toEqual([["first_sync", "inline"], ["webhook", "scheduler"]]);
  });

  it("sends a security code to the Inngest function whose run waits for it, and resumes a run waiting here itself", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank MFA");
    expect(firstSync.status).toBe("waiting_mfa");
    const { sent, engine } = inngestEngine();
    const request = { companyId: actor.companyId, connectionId, trigger: "manual" as const, mfaCode: "123456" };

    // The first sync waits in the user's request: the code resumes it here.
    expect(await dispatchSync({ ...world.deps, engine }, request)).toMatchObject({ engine: "inline", outcome: { status: "succeeded", runId: firstSync.runId } });
    expect(sent).toEqual([]);

    // A run the Inngest function drives waits for the event.
    world.clock.now = new Date("2026-11-26T09:00:00Z");
    const waiting = await syncConnection(world.deps, { companyId: actor.companyId, connectionId, trigger: "scheduled", orchestrator: "inngest" });
    expect(waiting.status).toBe("waiting_mfa");
    expect(await dispatchSync({ ...world.deps, engine }, request)).toEqual({ engine: "inngest", outcome: null });
    expect(sent).toEqual([expect.objectContaining({ name: "bank/mfa.submitted", data: { connectionId, companyId: actor.companyId, code: "123456" } })]);
    expect((await db.select().from(syncRuns).where(eq(syncRuns.id, waiting.runId!)))[0]!.status).toBe("waiting_mfa");
  });

  it("queues a request that does not wait: the run is open at once and the built-in engine carries that same run to its end", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    world.clock.now = new Date("2026-11-26T09:00:00Z");
    const queued = await queueSync({ ...world.deps, engine: { kind: "built-in" } }, { companyId: actor.companyId, connectionId, trigger: "manual", actorUserId: actor.userId });
    if ("refusal" in queued) throw new Error(queued.refusal.key);
    expect((await db.select().from(syncRuns).where(eq(syncRuns.id, queued.runId)))[0]).toMatchObject({ status: "running", trigger: "manual", orchestrator: "scheduler" });
    // A second request while it runs is refused, not queued twice.
    expect(await queueSync({ ...world.deps, engine: { kind: "built-in" } }, { companyId: actor.companyId, connectionId, trigger: "manual" })).toEqual({ refusal: { key: "alreadyRunning" } });
    expect(await queued.finished).toMatchObject({ status: "succeeded", runId: queued.runId });
    expect((await runsOf(connectionId)).map((r) => [r.trigger, r.status])).toEqual([["first_sync", "succeeded"], ["manual", "succeeded"]]);
  });

  it("queues to Inngest with the open run's id, which the function's first step takes on", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    world.clock.now = new Date("2026-11-26T09:00:00Z");
    const { sent, engine } = inngestEngine();
    const queued = await queueSync({ ...world.deps, engine }, { companyId: actor.companyId, connectionId, trigger: "manual", actorUserId: actor.userId });
    if ("refusal" in queued) throw new Error(queued.refusal.key);
    expect(sent).toEqual([expect.objectContaining({
      name: "bank/sync.requested",
      data: { connectionId, companyId: actor.companyId, provider: "sandbox", trigger: "manual", runId: queued.runId, actorUserId: actor.userId },
    })]);
    const step = await syncStep(world.deps, { companyId: actor.companyId, connectionId, trigger: "manual", queuedRunId: queued.runId });
    expect(step).toMatchObject({ runId: queued.runId, status: "succeeded" });
    expect((await runsOf(connectionId)).map((r) => [r.trigger, r.orchestrator, r.status])).toEqual([["first_sync", "inline", "succeeded"], ["manual", "inngest", "succeeded"]]);
  });

  it("ends a queued run with the reason when its connection cannot be synchronized", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const { engine } = inngestEngine();
    const queued = await queueSync({ ...world.deps, engine }, { companyId: actor.companyId, connectionId, trigger: "manual" });
    if ("refusal" in queued) throw new Error(queued.refusal.key);
    await db.update(bankConnections).set({ state: "disconnected" }).where(eq(bankConnections.id, connectionId));
    await syncStep(world.deps, { companyId: actor.companyId, connectionId, trigger: "manual", queuedRunId: queued.runId });
    expect((await db.select().from(syncRuns).where(eq(syncRuns.id, queued.runId)))[0]).toMatchObject({ status: "failed", errorMessage: expect.stringMatching(/not active/) });
  });
});
