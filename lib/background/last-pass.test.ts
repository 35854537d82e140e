/** Settings' "Last automatic pass": the runs of the company's newest pass and what they did, not those of earlier passes or other companies. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { InstitutionUnavailable } from "@/lib/providers/errors";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { lastAutomaticPass } from "./last-pass";

const HOUR = 3_600_000;
const INTERVAL = 12 * HOUR;

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld(new Date("2026-11-25T09:00:00Z"));
});
afterAll(async () => {
  await world.server.close();
});

describe("lastAutomaticPass", () => {
  it("is none before any scheduled run, then counts the newest pass: synchronized, failed, lines imported", async () => {
    const first = await connectBank(world, "Demo Bank", { username: "pass-one" });
    const { companyId, userId } = first.actor;
    const second = await connectBank(world, "Demo Bank", { username: "pass-two", companyId, userId });
    const other = await connectBank(world, "Demo Bank", { username: "pass-other" });
    expect(await lastAutomaticPass(db, companyId, INTERVAL)).toBeNull();

    // An earlier pass, a day later: both synchronized.
    world.clock.now = new Date("2026-11-26T00:00:00Z");
    for (const connectionId of [first.connectionId, second.connectionId]) {
      expect((await syncConnection(world.deps, { companyId, connectionId, trigger: "scheduled" })).status).toBe("succeeded");
    }
    // The newest pass, two days later: one reads two days of new lines, the bank of the other is down.
    world.clock.now = new Date("2026-11-28T00:00:00Z");
    const passStart = world.clock.now;
    const synced = await syncConnection(world.deps, { companyId, connectionId: first.connectionId, trigger: "scheduled" });
    expect(synced).toMatchObject({ status: "succeeded", inserted: expect.any(Number) });
    expect(synced.inserted).toBeGreaterThan(0);
    world.clock.now = new Date(passStart.getTime() + 60_000);
    const down = { ...world.deps, provider: () => ({ ...world.provider, openRefresh: async () => { throw new InstitutionUnavailable(); } }) };
    expect((await syncConnection(down, { companyId, connectionId: second.connectionId, trigger: "scheduled" })).status).toBe("failed");
    // Another company's pass and a Fetch by hand count for nothing here.
    await syncConnection(world.deps, { ...other.actor, connectionId: other.connectionId, trigger: "scheduled" });
    await syncConnection(world.deps, { companyId, connectionId: first.connectionId, trigger: "manual" });

    expect(await lastAutomaticPass(db, companyId, INTERVAL)).toEqual({ startedAt: passStart, synced: 1, failed: 1, running: 0, imported: synced.inserted });
  });
});
