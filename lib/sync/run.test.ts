import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { connectionEvents, syncRuns } from "@/db/schema";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { expireMfaWait, openRun } from "./run";
import { syncConnection } from "./run-sync";
import { shownStateOf } from "@/lib/testing/shown-state";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const NOW = new Date("2026-11-25T09:00:00Z");

describe("expireMfaWait", () => {
  it("ends the waiting run, puts the connection back to active and says so; the next fetch asks again", async () => {
    world.clock.now = NOW;
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank MFA");
    expect(firstSync.status).toBe("waiting_mfa");
    const later = new Date(NOW.getTime() + 15 * 60_000);
    const ended = await expireMfaWait(db, { companyId: actor.companyId, connectionId, runId: firstSync.runId, now: later });
    expect(ended).toEqual({ expired: true, runId: firstSync.runId });

    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, firstSync.runId!));
    expect(run).toMatchObject({ status: "failed", errorCode: "mfa_timeout", finishedAt: later });
    expect(await shownStateOf(connectionId)).toBe("active");
    const log = await db.select().from(connectionEvents).where(eq(connectionEvents.syncRunId, firstSync.runId!));
    expect(log.map((l) => l.message)).toContain(
      "The security code was not entered within 15 minutes; the synchronization was cancelled. Fetch Transactions to try again.",
    );

    world.clock.now = later;
    const next = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(next.status).toBe("waiting_mfa");
    expect(next.runId).not.toBe(firstSync.runId);
  });

  it("does nothing when the run no longer waits, or for another company", async () => {
    world.clock.now = NOW;
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank MFA");
    const other = await connectBank(world, "Demo Bank");
    expect(await expireMfaWait(db, { companyId: other.actor.companyId, connectionId, now: NOW })).toEqual({ expired: false, runId: null });

    const resumed = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual", mfaCode: "123456" });
    expect(resumed.status).toBe("succeeded");
    expect(await expireMfaWait(db, { companyId: actor.companyId, connectionId, runId: firstSync.runId, now: NOW })).toEqual({ expired: false, runId: null });
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, firstSync.runId!));
    expect(run!.status).toBe("succeeded");
  });

  it("records too many refused codes under its own code", async () => {
    world.clock.now = NOW;
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank MFA");
    await expireMfaWait(db, { companyId: actor.companyId, connectionId, now: NOW, reason: "too_many_codes" });
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, firstSync.runId!));
    expect(run).toMatchObject({ status: "failed", errorCode: "mfa_rejected" });
  });
});

describe("openRun", () => {
  it("refuses a second run that another process opens between our check and our insert, instead of failing", async () => {
    world.clock.now = NOW;
    const { actor, connectionId } = await connectBank(world, "Demo Bank", { username: "racing" });
    const input = { ...actor, connectionId, trigger: "manual" as const, now: NOW };
    let ours: ReturnType<typeof openRun> | undefined;
    // The other process's run is not committed yet: our check does not see it, our insert waits for it.
    await db.transaction(async (tx) => {
      await tx.insert(syncRuns).values({ companyId: actor.companyId, connectionId, trigger: "scheduled", startedAt: NOW });
      ours = openRun(db, input);
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    expect(await ours).toMatchObject({ code: "already_running" });
  });
});
