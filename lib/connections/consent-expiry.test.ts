import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections, connectionEvents } from "@/db/schema";
import { showStored } from "@/lib/i18n/stored-message";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { listExpiringConsents, warnExpiringConsents } from "./consent-expiry";
import { recordLoginRequired } from "@/lib/sync/run";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const NOW = new Date("2026-11-25T09:00:00Z");

async function expireAt(connectionId: string, at: string) {
  await db.update(bankConnections).set({ consentExpiresAt: new Date(at) }).where(eq(bankConnections.id, connectionId));
}

async function warningsOf(connectionId: string) {
  const rows = await db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
  return rows.filter((row) => row.message.startsWith("Consent expires on"));
}

describe("consent expiry", () => {
  it("lists a company's live connections whose consent ends within 7 days, soonest first", async () => {
    world.clock.now = NOW;
    const later = await connectBank(world, "Demo Bank");
    const company = later.actor;
    const sooner = await connectBank(world, "Demo Bank Beta", company);
    const farOff = await connectBank(world, "Demo Bank 90 days", company);
    const broken = await connectBank(world, "Demo Bank Pending", company);
    const otherCompany = await connectBank(world, "Demo Bank");
    await expireAt(later.connectionId, "2026-12-02T09:00:00Z");
    await expireAt(sooner.connectionId, "2026-11-26T08:00:00Z");
    await expireAt(farOff.connectionId, "2026-12-02T09:00:01Z");
    await expireAt(broken.connectionId, "2026-11-27T09:00:00Z");
    await recordLoginRequired(db, { companyId: broken.actor.companyId, connectionId: broken.connectionId, now: new Date(world.clock.now.getTime() + 60_000) }); // the bank's notice, a minute after the sync
    await expireAt(otherCompany.connectionId, "2026-11-27T09:00:00Z");

    const listed = await listExpiringConsents(db, company.companyId, NOW);
    expect(listed.map((c) => [c.connectionId, c.institutionName, c.daysLeft])).toEqual([
      [sooner.connectionId, "Demo Bank Beta", 1],
      [later.connectionId, "Demo Bank", 7],
    ]);
  });

  it("does not list a consent that has already expired", async () => {
    world.clock.now = NOW;
    const bank = await connectBank(world, "Demo Bank");
    await expireAt(bank.connectionId, "2026-11-25T08:59:59Z");
    expect(await listExpiringConsents(db, bank.actor.companyId, NOW)).toEqual([]);
  });

  it("logs the warning once per connection per day, for every company", async () => {
    world.clock.now = NOW;
    const first = await connectBank(world, "Demo Bank");
    const second = await connectBank(world, "Demo Bank Beta");
    await expireAt(first.connectionId, "2026-11-30T10:00:00Z");
    await expireAt(second.connectionId, "2026-11-29T10:00:00Z");

    const warned = await warnExpiringConsents(db, NOW);
    expect(warned.map((c) => [c.connectionId, c.warned])).toEqual([[second.connectionId, true], [first.connectionId, true]]);
    const [warning] = await warningsOf(first.connectionId);
    expect(warning).toMatchObject({ level: "warning", message: "Consent expires on 2026-11-30. Renew consent to keep synchronizing." });
    // The Indonesian reader sees the date as DD/MM/YYYY, in Indonesian words.
    expect(showStored({ text: warning!.message, key: warning!.messageKey, params: warning!.messageParams }, "id"))
      .toBe("Persetujuan berakhir pada 30/11/2026. Perbarui persetujuan agar sinkronisasi tetap berjalan.");

    const sameDay = await warnExpiringConsents(db, new Date("2026-11-25T23:00:00Z"));
    expect(sameDay.every((c) => !c.warned)).toBe(true);
    expect(await warningsOf(first.connectionId)).toHaveLength(1);

    const nextDay = await warnExpiringConsents(db, new Date("2026-11-26T06:00:00Z"));
    expect(nextDay.every((c) => c.warned)).toBe(true);
    expect(await warningsOf(first.connectionId)).toHaveLength(2);
  });
});
