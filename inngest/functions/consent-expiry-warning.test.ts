import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { CONSENT_WARNING_CRON, createConsentExpiryWarningFunction } from "./consent-expiry-warning";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("consent-expiry-warning", () => {
  it("warns once a day about consents that expire within 7 days", async () => {
    const now = new Date("2026-11-25T09:00:00Z");
    world.clock.now = now;
    const soon = await connectBank(world, "Demo Bank");
    await db.update(bankConnections).set({ consentExpiresAt: new Date("2026-11-28T12:00:00Z") }).where(eq(bankConnections.id, soon.connectionId));
    await connectBank(world, "Demo Bank Beta");

    const fn = createConsentExpiryWarningFunction({ db, now: () => world.clock.now });
    expect(fn.opts.triggers).toEqual([{ cron: CONSENT_WARNING_CRON }]);
    const first = await new InngestTestEngine({ function: fn }).execute();
    expect(first.result).toEqual({ expiring: 1, warned: 1 });
    const again = await new InngestTestEngine({ function: fn }).execute();
    expect(again.result).toEqual({ expiring: 1, warned: 0 });
  });
});
