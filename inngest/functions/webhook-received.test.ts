import crypto from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { connectionEvents } from "@/db/schema";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { createWebhookReceivedFunction } from "./webhook-received";
import { shownStateOf } from "@/lib/testing/shown-state";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

function webhookEvent(data: { kind: string; connectionId: string | null; companyId: string | null }) {
  return [{ name: "bank/webhook.received", data: { provider: "sandbox", webhookEventId: crypto.randomUUID(), ...data } }] as [
    { name: string; data: Record<string, unknown> },
  ];
}

describe("webhook-received", () => {
  it("turns new transactions at the bank into a sync request", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const events = webhookEvent({ kind: "transactions_available", connectionId, companyId: actor.companyId });
    const t = new InngestTestEngine({
      function: createWebhookReceivedFunction(world.deps),
      events,
      steps: [{ id: "request-sync", handler: () => ({ ids: [] }) }],
    });
    const { result, ctx } = await t.execute();
    expect(result).toEqual({ kind: "transactions_available", action: "sync-requested" });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith(
      "request-sync",
      [expect.objectContaining({
        name: "bank/sync.requested",
        data: { connectionId, companyId: actor.companyId, provider: "sandbox", trigger: "webhook" },
        id: `webhook-sync-${events[0].data.webhookEventId as string}`,
      })],
    );
  });

  it("applies a login-required notice to the connection", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    world.clock.now = new Date("2026-11-25T10:00:00Z");
    const t = new InngestTestEngine({
      function: createWebhookReceivedFunction(world.deps),
      events: webhookEvent({ kind: "login_required", connectionId, companyId: actor.companyId }),
    });
    const { result, ctx } = await t.execute();
    expect(result).toEqual({ kind: "login_required", action: "applied" });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(await shownStateOf(connectionId)).toBe("error");
    const log = await db.select({ message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
    expect(log.map((l) => l.message).join("\n")).toContain("The bank asks you to sign in again");
  });
});
