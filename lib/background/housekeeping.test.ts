import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections, connectionEvents, syncRuns, webhookEvents } from "@/db/schema";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { runScheduledPass } from "./scheduler";
import { shownStateOf } from "@/lib/testing/shown-state";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("built-in scheduler housekeeping", () => {
  it("ends a security-code wait after 15 minutes, and not before", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { connectionId, firstSync } = await connectBank(world, "Demo Bank MFA");
    expect(firstSync.status).toBe("waiting_mfa");

    world.clock.now = new Date("2026-11-25T09:10:00Z");
    await runScheduledPass(world.deps, { intervalMs: 12 * 3_600_000 });
    expect((await db.select().from(syncRuns).where(eq(syncRuns.id, firstSync.runId!)))[0]!.status).toBe("waiting_mfa");

    world.clock.now = new Date("2026-11-25T09:16:00Z");
    await runScheduledPass(world.deps, { intervalMs: 12 * 3_600_000 });
    expect((await db.select().from(syncRuns).where(eq(syncRuns.id, firstSync.runId!)))[0]).toMatchObject({ status: "failed", errorCode: "mfa_timeout" });
    expect(await shownStateOf(connectionId)).toBe("active");
  });

  it("warns once a day about a consent that expires within a week", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    await db.update(bankConnections).set({ consentExpiresAt: new Date("2026-11-29T00:00:00Z") }).where(eq(bankConnections.id, connectionId));
    await runScheduledPass(world.deps, { intervalMs: 12 * 3_600_000 });
    await runScheduledPass(world.deps, { intervalMs: 12 * 3_600_000 });
    const warnings = (await db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId))).filter((e) => /Consent expires/i.test(e.message));
    expect(warnings).toHaveLength(1);
  });

  it("deletes processed webhook deliveries older than 30 days", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const old = new Date("2026-10-20T09:00:00Z");
    await db.insert(webhookEvents).values({ provider: "sandbox", dedupeKey: "wh_old", eventType: "login_required", signatureValid: true, payload: {}, receivedAt: old, processedAt: old });
    await runScheduledPass(world.deps, { intervalMs: 12 * 3_600_000 });
    expect(await db.select().from(webhookEvents)).toEqual([]);
  });
});
