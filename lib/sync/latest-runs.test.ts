/**
 * What a page watching a sync reads (app/api/sync-status): the newest run of each asked
 * connection of the company, open while it runs and with its outcome once it ended; and
 * a second request while it runs is refused as "already running", opening no run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { latestRuns } from "./latest-runs";
import { ConsentExpired, ProviderRejected } from "@/lib/providers/errors";
import { failRun, openRun, succeedRun } from "./run";
import { syncConnection } from "./run-sync";
import { isRunOpen } from "./run-state";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("latestRuns", () => {
  it("follows a run from running to its outcome, for the company's own connections only", async () => {
    const mine = await connectBank(world, "Demo Bank", { username: "live-mine" });
    const theirs = await connectBank(world, "Demo Bank", { username: "live-theirs" });
    const { companyId } = mine.actor;

    const [first] = await latestRuns(db, companyId, [mine.connectionId, theirs.connectionId], "en");
    expect(first).toMatchObject({ connectionId: mine.connectionId, runId: mine.firstSync.runId, status: "succeeded" });
    expect(await latestRuns(db, companyId, [theirs.connectionId], "en")).toEqual([]);

    world.clock.now = new Date(world.clock.now.getTime() + 60_000);
    const opened = await openRun(db, { companyId, connectionId: mine.connectionId, trigger: "manual", now: world.clock.now });
    if ("refusal" in opened) throw new Error(opened.refusal.key);
    const [running] = await latestRuns(db, companyId, [mine.connectionId], "en");
    expect(running).toMatchObject({ runId: opened.id, status: "running", finishedAt: null });
    expect(isRunOpen(running!)).toBe(true);

    const second = await syncConnection(world.deps, { companyId, connectionId: mine.connectionId, trigger: "manual" });
    expect(second).toMatchObject({ runId: null, status: "failed", errorCode: "already_running", message: "A synchronization of this connection is already running." });

    await succeedRun(db, {
      companyId, connectionId: mine.connectionId, runId: opened.id, cursor: null, now: world.clock.now, historyFrom: null, nextRefreshAt: null,
      totals: { fetched: 5, inserted: 3, skipped: 2, possibleDuplicates: 1 },
    });
    const [ended] = await latestRuns(db, companyId, [mine.connectionId], "en");
    expect(ended).toMatchObject({ runId: opened.id, status: "succeeded", inserted: 3, possibleDuplicates: 1, finishedAt: world.clock.now.toISOString() });
    expect(isRunOpen(ended!)).toBe(false);
  });

  it("says how a failed run ended in the reader's language; a bank's own words stay as the bank wrote them", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank", { username: "live-failed" });
    const { companyId } = actor;
    const totals = { fetched: 0, inserted: 0, skipped: 0, possibleDuplicates: 0 };

    world.clock.now = new Date(world.clock.now.getTime() + 60_000);
    const expired = await openRun(db, { companyId, connectionId, trigger: "manual", now: world.clock.now });
    if ("refusal" in expired) throw new Error(expired.refusal.key);
    await failRun(db, { companyId, connectionId, runId: expired.id, totals, error: new ConsentExpired(), now: world.clock.now });
    const [english] = await latestRuns(db, companyId, [connectionId], "en");
    expect(english!.errorMessage).toBe("Your consent to share data with this bank has expired or was revoked. Reconnect the bank to keep synchronizing.");
    const [indonesian] = await latestRuns(db, companyId, [connectionId], "id");
    expect(indonesian!.errorMessage).toBe("Persetujuan Anda untuk berbagi data dengan bank ini telah kedaluwarsa atau dicabut. Hubungkan ulang bank agar sinkronisasi tetap berjalan.");

    world.clock.now = new Date(world.clock.now.getTime() + 60_000);
    const rejected = await openRun(db, { companyId, connectionId, trigger: "manual", now: world.clock.now });
    if ("refusal" in rejected) throw new Error(rejected.refusal.key);
    await failRun(db, { companyId, connectionId, runId: rejected.id, totals, error: new ProviderRejected({ message: "ITEM_LOCKED: too many attempts" }), now: world.clock.now });
    const [bankWords] = await latestRuns(db, companyId, [connectionId], "id");
    expect(bankWords!.errorMessage).toBe("ITEM_LOCKED: too many attempts");
  });
});
