import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishText } from "@/lib/i18n/stored-message";
import { db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { createSandboxProvider } from "@/lib/providers/sandbox/sandbox-provider";
import { sandboxProviderConfig } from "@/lib/providers/sandbox/config";
import { syncConnection } from "@/lib/sync/run-sync";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { registerWebhookEndpoint } from "./endpoints";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

/** A company with a registered endpoint (never called here: these tests read the queue). */
async function companyListening() {
  const { company, user } = await createCompanyWithUser(db, { role: "admin" });
  const registered = await registerWebhookEndpoint(db, { companyId: company.id, userId: user.id, role: "admin" }, { url: "https://ledger.example/hook" }, {
    allowPrivate: false, resolve: async () => ["93.184.216.34"],
  });
  if (!registered.ok) throw new Error(englishText(registered.error));
  return { companyId: company.id, userId: user.id };
}

const queued = async (companyId: string) =>
  (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.companyId, companyId))).map((d) => d.payload as { type: string; data: Record<string, unknown> });

describe("webhook events from sync outcomes", () => {
  it("queues transactions.created with the run and per-account counts when a sync stores lines", async () => {
    const actor = await companyListening();
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { connectionId, firstSync } = await connectBank(world, "Demo Bank", actor);
    expect(firstSync.inserted).toBeGreaterThan(0);
    const events = await queued(actor.companyId);
    expect(events).toEqual([
      expect.objectContaining({ type: "transactions.created", data: expect.objectContaining({ connectionId, syncRunId: firstSync.runId, inserted: firstSync.inserted }) }),
    ]);
    const accounts = events[0]!.data.accounts as { inserted: number }[];
    expect(accounts.reduce((sum, a) => sum + a.inserted, 0)).toBe(firstSync.inserted);

    // Nothing new: no event.
    const again = await syncConnection(world.deps, { companyId: actor.companyId, connectionId, trigger: "manual" });
    expect(again).toMatchObject({ status: "succeeded", inserted: 0 });
    expect(await queued(actor.companyId)).toHaveLength(1);
  });

  it("queues connection.needs_attention when the bank asks for a security code", async () => {
    const actor = await companyListening();
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { connectionId, firstSync } = await connectBank(world, "Demo Bank MFA", actor);
    expect(firstSync.status).toBe("waiting_mfa");
    expect(await queued(actor.companyId)).toEqual([
      expect.objectContaining({ type: "connection.needs_attention", data: expect.objectContaining({ connectionId, reason: "mfa_required" }) }),
    ]);
  });

  it("queues sync.failed with the error code and reference when a run fails", async () => {
    const actor = await companyListening();
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { connectionId } = await connectBank(world, "Demo Bank", actor);
    const down = createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: "http://127.0.0.1:9/sandbox", timeoutMs: 1_000 });
    const failed = await syncConnection({ ...world.deps, provider: () => down }, { companyId: actor.companyId, connectionId, trigger: "manual" });
    expect(failed.status).toBe("failed");
    const events = await queued(actor.companyId);
    expect(events.at(-1)).toEqual(expect.objectContaining({
      type: "sync.failed", data: expect.objectContaining({ connectionId, errorCode: "provider_transient", errorReference: failed.errorReference }),
    }));
    expect(events.filter((e) => e.type === "connection.needs_attention")).toHaveLength(0);
  });

  it("queues nothing for a company without endpoints", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor } = await connectBank(world, "Demo Bank");
    expect(await queued(actor.companyId)).toEqual([]);
  });
});
