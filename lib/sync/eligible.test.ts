import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { selectEligibleConnections } from "./eligible";
import { syncConnection } from "./run-sync";
import { recordLoginRequired } from "@/lib/sync/run";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("selectEligibleConnections", () => {
  it("selects exactly the connections the schedule may synchronize", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const plain = await connectBank(world, "Demo Bank");
    const autoOff = await connectBank(world, "Demo Bank 90 days");
    await db.update(bankConnections).set({ autoSync: false }).where(eq(bankConnections.id, autoOff.connectionId));
    const broken = await connectBank(world, "Demo Bank Beta");
    await recordLoginRequired(db, { companyId: broken.actor.companyId, connectionId: broken.connectionId, now: new Date(world.clock.now.getTime() + 60_000) }); // the bank's notice, a minute after the sync
    await connectBank(world, "Demo Bank Manual Only");
    const waiting = await connectBank(world, "Demo Bank MFA");
    expect(waiting.firstSync.status).toBe("waiting_mfa");
    const limited = await connectBank(world, "Demo Bank Daily Limit");
    const refused = await syncConnection(world.deps, { ...limited.actor, connectionId: limited.connectionId, trigger: "manual" });
    expect(refused.status).toBe("rate_limited");

    const now = world.clock.now;
    const eligible = await selectEligibleConnections(db, { now, limit: 100 });
    expect(eligible.map((c) => c.id)).toEqual([plain.connectionId]);

    // After the bank's retry time the rate-limited connection is due again.
    const tomorrow = new Date("2026-11-26T00:00:01Z");
    const later = await selectEligibleConnections(db, { now: tomorrow, limit: 100 });
    expect(later.map((c) => c.id).sort()).toEqual([plain.connectionId, limited.connectionId].sort());
  });

  it("pages through connections in id order without gaps", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const ids: string[] = [];
    for (const bank of ["Demo Bank", "Demo Bank 90 days", "Demo Bank Beta"]) ids.push((await connectBank(world, bank)).connectionId);
    const seen: string[] = [];
    let afterId: string | null = null;
    for (;;) {
      const page: { id: string }[] = await selectEligibleConnections(db, { now: world.clock.now, afterId, limit: 2 });
      if (page.length === 0) break;
      seen.push(...page.map((c) => c.id));
      afterId = page[page.length - 1]!.id;
    }
    expect(seen).toEqual([...ids].sort());
  });
});
