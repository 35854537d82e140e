import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { createScheduledSyncFunction, SCHEDULED_SYNC_CRON } from "./scheduled-sync";
import { recordLoginRequired } from "@/lib/sync/run";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

type SentEvent = { name: string; data: { connectionId: string; companyId: string; provider: string; trigger: string }; id?: string };

/** The events each `request-syncs-page-N` step sent; the steps are mocked, so nothing leaves. */
function sentPages(calls: unknown[][]): Record<string, SentEvent[]> {
  return Object.fromEntries(calls.map(([id, payload]) => [id as string, payload as SentEvent[]]));
}

const sendMocks = (pages: number) =>
  Array.from({ length: pages }, (_, i) => ({ id: `request-syncs-page-${i + 1}`, handler: () => ({ ids: [] }) }));

describe("scheduled-sync", () => {
  it("runs every twelve hours", () => {
    const fn = createScheduledSyncFunction({ db });
    expect(SCHEDULED_SYNC_CRON).toBe("0 */12 * * *");
    expect(fn.opts.triggers).toEqual([{ cron: "0 */12 * * *" }]);
  });

  it("requests a sync for exactly the eligible connections", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const plain = await connectBank(world, "Demo Bank");
    const limited = await connectBank(world, "Demo Bank Daily Limit");
    const autoOff = await connectBank(world, "Demo Bank 90 days");
    await db.update(bankConnections).set({ autoSync: false }).where(eq(bankConnections.id, autoOff.connectionId));
    const broken = await connectBank(world, "Demo Bank Beta");
    await recordLoginRequired(db, { companyId: broken.actor.companyId, connectionId: broken.connectionId, now: new Date(world.clock.now.getTime() + 60_000) }); // the bank's notice, a minute after the sync
    await connectBank(world, "Demo Bank Manual Only");
    const waiting = await connectBank(world, "Demo Bank MFA");
    expect(waiting.firstSync.status).toBe("waiting_mfa");
    const recent = await connectBank(world, "Demo Bank Pending");

    // Synchronized by hand an hour before the schedule: left alone this time.
    world.clock.now = new Date("2026-11-25T20:00:00Z");
    expect((await syncConnection(world.deps, { ...recent.actor, connectionId: recent.connectionId, trigger: "manual" })).status).toBe("succeeded");
    world.clock.now = new Date("2026-11-25T21:00:00Z");

    const t = new InngestTestEngine({ function: createScheduledSyncFunction({ db, now: () => world.clock.now }), steps: sendMocks(3) });
    const { result, ctx, error } = await t.execute();
    expect(error).toBeUndefined();
    const pages = sentPages(ctx.step.sendEvent.mock.calls);
    expect(Object.keys(pages)).toEqual(["request-syncs-page-1"]);
    const sent = pages["request-syncs-page-1"]!;
    // Demo Bank Daily Limit spent its one call of the day on the first sync: not requested.
    expect(sent.map((e) => e.data.connectionId)).toEqual([plain.connectionId]);
    expect(sent.map((e) => e.data.connectionId)).not.toContain(limited.connectionId);
    expect(sent.find((e) => e.data.connectionId === plain.connectionId)).toMatchObject({
      name: "bank/sync.requested",
      data: { connectionId: plain.connectionId, companyId: plain.actor.companyId, provider: "sandbox", trigger: "scheduled" },
      id: `scheduled-sync-2026-11-25T21:00:00.000Z-${plain.connectionId}`,
    });
    expect(result).toEqual({ startedAt: "2026-11-25T21:00:00.000Z", requested: 1 });
  });

  it("selects and sends page by page, one step each", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const ids: string[] = [];
    for (const bank of ["Demo Bank", "Demo Bank 90 days", "Demo Bank Beta", "Demo Bank Pending", "Demo Bank"]) {
      ids.push((await connectBank(world, bank)).connectionId);
    }
    world.clock.now = new Date("2026-11-25T21:00:00Z");
    const t = new InngestTestEngine({ function: createScheduledSyncFunction({ db, now: () => world.clock.now, pageSize: 2 }), steps: sendMocks(4) });
    const { result, ctx } = await t.execute();
    const pages = sentPages(ctx.step.sendEvent.mock.calls);
    expect(Object.keys(pages)).toEqual(["request-syncs-page-1", "request-syncs-page-2", "request-syncs-page-3"]);
    expect(Object.values(pages).map((page) => page.length)).toEqual([2, 2, 1]);
    expect(Object.values(pages).flat().map((e) => e.data.connectionId)).toEqual([...ids].sort());
    expect(ctx.step.run).toHaveBeenCalledWith("select-page-3", expect.any(Function));
    expect(result).toMatchObject({ requested: 5 });
  });

  it("sends nothing when no connection is due", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const t = new InngestTestEngine({ function: createScheduledSyncFunction({ db, now: () => world.clock.now }), steps: sendMocks(1) });
    const { result, ctx } = await t.execute();
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(result).toMatchObject({ requested: 0 });
  });
});
