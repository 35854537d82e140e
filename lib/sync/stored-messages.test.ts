import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { connectionEvents, syncRuns } from "@/db/schema";
import { connectionLog } from "@/lib/connections/overview";
import { renderStoredMessage, showStored } from "@/lib/i18n/stored-message";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { syncConnection } from "./run-sync";

// What a sync writes is shown in the reader's language: stored as catalogue keys, English kept beside them.
let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("a sync run's outcome and log lines for an Indonesian reader", () => {
  it("shows the outcome, the log's lines and a rate limit in Indonesian, and the stored English unchanged", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank Daily Limit");
    expect(firstSync.status).toBe("succeeded");
    expect(renderStoredMessage(firstSync.text!, "id")).toBe(`${firstSync.inserted.toLocaleString("id-ID")} transaksi baru; riwayat dibaca mundur sampai ${reader(firstSyncHistory(firstSync.message))}`);

    const log = await connectionLog(db, actor.companyId, connectionId);
    const shown = log.map((entry) => showStored({ text: entry.message, key: entry.messageKey, params: entry.messageParams }, "id"));
    expect(shown).toContain("Sinkronisasi dimulai (sinkronisasi pertama).");
    expect(shown.some((line) => line?.startsWith("Sinkronisasi selesai: "))).toBe(true);
    // The English text stays as it was, for the API and older readers.
    expect(log.map((entry) => entry.message)).toContain("Synchronization started (first synchronization).");

    const limited = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(limited.status).toBe("rate_limited");
    expect(limited.message).toBe("Daily limit of 1 call reached; next refresh allowed at 2026-11-26 00:00 UTC.");
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, limited.runId!));
    expect(showStored({ text: run!.errorMessage, key: run!.errorKey, params: run!.errorParams }, "id"))
      .toBe("Batas harian 1 panggilan tercapai; penyegaran berikutnya diizinkan pada 26/11/2026, 00.00 UTC.");
    const [newest] = await db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId)).orderBy(desc(connectionEvents.id)).limit(1);
    expect(showStored({ text: newest!.message, key: newest!.messageKey, params: newest!.messageParams }, "id")).toMatch(/^Batas harian 1 panggilan tercapai/);
  });

  it("answers a refused request in the reader's language", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    await db.insert(syncRuns).values({ companyId: actor.companyId, connectionId, trigger: "manual", status: "running", startedAt: world.clock.now });
    const refused = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(refused.message).toBe("A synchronization of this connection is already running.");
    expect(renderStoredMessage(refused.text!, "id")).toBe("Sinkronisasi koneksi ini sedang berjalan.");
  });
});

function firstSyncHistory(message: string): string {
  return /history read back to (\d{4}-\d{2}-\d{2})/.exec(message)![1]!;
}

function reader(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}/${month}/${year}`;
}
