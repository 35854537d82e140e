import { and, count, eq, gt, like, max, min } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, companies, connectionEvents, syncRuns, transactions } from "@/db/schema";
import { addDays, toIsoDate } from "@/lib/dates";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { syncConnection } from "./run-sync";
import { shownStateOf } from "@/lib/testing/shown-state";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const START = new Date("2026-11-25T09:00:00Z");
const resetClock = () => (world.clock.now = new Date(START));

async function transactionCount(connectionId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(transactions)
    .innerJoin(bankAccounts, eq(bankAccounts.id, transactions.bankAccountId))
    .where(eq(bankAccounts.connectionId, connectionId));
  return row!.n;
}

async function log(connectionId: string) {
  const rows = await db.select({ message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.connectionId, connectionId));
  return rows.map((r) => r.message).join("\n");
}

describe("syncConnection against the Sandbox bank", () => {
  it("imports all offered history on the first sync, and a re-run inserts nothing", async () => {
    resetClock();
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank");
    expect(firstSync.status).toBe("succeeded");
    expect(firstSync.inserted).toBeGreaterThan(500);
    expect(firstSync.inserted).toBe(firstSync.fetched);
    expect(await transactionCount(connectionId)).toBe(firstSync.inserted);

    const accounts = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId));
    expect(accounts.map((a) => a.currency).sort()).toEqual(["EUR", "EUR", "USD"]);
    expect(accounts.every((a) => a.balance !== null && a.lastSyncedAt !== null)).toBe(true);
    const [range] = await db.select({ oldest: min(transactions.bookingDate), newest: max(transactions.bookingDate) }).from(transactions);
    expect(range!.oldest! >= addDays("2026-11-25", -730)).toBe(true);
    expect(range!.newest! <= "2026-11-25").toBe(true);

    const again = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, message: "No new transactions" });
    expect(await transactionCount(connectionId)).toBe(firstSync.inserted);

    const runs = await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId));
    expect(runs.map((r) => [r.trigger, r.status]).sort()).toEqual([["first_sync", "succeeded"], ["manual", "succeeded"]]);
    expect(await log(connectionId)).toContain("Synchronization finished: No new transactions");
  });

  it("a later sync brings the new days and re-reads only the week before its newest line, importing nothing twice", async () => {
    resetClock();
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank");
    const [before] = await db.select({ newest: max(transactions.bookingDate) }).from(transactions);
    world.clock.now = new Date("2026-12-02T09:00:00Z");
    const later = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(later.status).toBe("succeeded");
    expect(later.inserted).toBeGreaterThan(0);
    const fresh = await db.select({ date: transactions.bookingDate }).from(transactions).where(eq(transactions.syncRunId, later.runId!));
    expect(fresh.length).toBe(later.inserted);
    // Lines dated before the old newest one can only be lines the bank booked late, inside the overlap.
    expect(fresh.every((t) => t.date >= addDays(before!.newest!, -7) && t.date <= "2026-12-02")).toBe(true);
    expect(await transactionCount(connectionId)).toBe(firstSync.inserted + later.inserted);
    const repeated = await db.select({ id: transactions.onlineTransactionId, n: count() }).from(transactions)
      .groupBy(transactions.bankAccountId, transactions.onlineTransactionId).having(({ n }) => gt(n, 1));
    expect(repeated).toEqual([]);
  });

  it("never imports anything on or before the company's lock date", async () => {
    resetClock();
    const first = await connectBank(world, "Demo Bank 90 days");
    await db.delete(transactions);
    await db.update(companies).set({ lockDate: "2026-11-01" }).where(eq(companies.id, first.actor.companyId));
    const outcome = await syncConnection(world.deps, { ...first.actor, connectionId: first.connectionId, trigger: "manual" });
    expect(outcome.inserted).toBeGreaterThan(0);
    const [range] = await db.select({ oldest: min(transactions.bookingDate) }).from(transactions);
    expect(range!.oldest! > "2026-11-01").toBe(true);
  });

  it("fetches 90 days from a 90-day bank and says older history must come from a file", async () => {
    resetClock();
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    const [range] = await db.select({ oldest: min(transactions.bookingDate) }).from(transactions);
    expect(range!.oldest! >= addDays("2026-11-25", -90)).toBe(true);
    expect(range!.oldest! <= addDays("2026-11-25", -80)).toBe(true);
    expect(await log(connectionId)).toMatch(/keeps only 90 days of history.*Import older history from a bank statement file/);
  });

  it("stores only posted lines; a pending one is stored once, under its new id, after it posts", async () => {
    resetClock();
    const { actor, connectionId } = await connectBank(world, "Demo Bank Pending");
    expect(await db.select().from(transactions).where(like(transactions.onlineTransactionId, "pend%"))).toEqual([]);
    const [today] = await db.select({ n: count() }).from(transactions).where(eq(transactions.bookingDate, toIsoDate(START)));
    expect(today!.n).toBe(0);

    world.clock.now = new Date("2026-11-26T09:00:00Z");
    const next = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(next.status).toBe("succeeded");
    const posted = await db.select().from(transactions).where(eq(transactions.bookingDate, "2026-11-25"));
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.length).toBe(next.inserted);
    expect(posted.every((t) => !t.onlineTransactionId!.startsWith("pend"))).toBe(true);
    const again = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(again.inserted).toBe(0);
  });

  it("waits for the SMS code of an MFA bank, then resumes the same run with 123456", async () => {
    resetClock();
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank MFA");
    expect(firstSync.status).toBe("waiting_mfa");
    expect(firstSync.mfa?.prompt).toBe("Enter the code we sent by SMS");
    expect(await shownStateOf(connectionId)).toBe("waiting_mfa");

    const withoutCode = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(withoutCode.message).toMatch(/waiting for the security code/);

    const wrong = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual", mfaCode: "000000" });
    expect(wrong.status).toBe("waiting_mfa");

    const resumed = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual", mfaCode: "123456" });
    expect(resumed.status).toBe("succeeded");
    expect(resumed.runId).toBe(firstSync.runId);
    expect(resumed.inserted).toBeGreaterThan(0);
    expect(await shownStateOf(connectionId)).toBe("active");
  });

  it("gives up an MFA wait that outlives its timeout and starts afresh", async () => {
    resetClock();
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank MFA");
    world.clock.now = new Date(START.getTime() + 16 * 60_000);
    const next = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(next.status).toBe("waiting_mfa");
    expect(next.runId).not.toBe(firstSync.runId);
    const [old] = await db.select().from(syncRuns).where(eq(syncRuns.id, firstSync.runId!));
    expect(old).toMatchObject({ status: "failed", errorCode: "mfa_timeout" });
  });

  it("ends a run over the daily refresh limit as rate limited, with the retry time, keeping what it had", async () => {
    resetClock();
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank Daily Limit");
    expect(firstSync.status).toBe("succeeded");
    const limited = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(limited.status).toBe("rate_limited");
    expect(limited.retryAfter?.toISOString()).toBe("2026-11-26T00:00:00.000Z");
    expect(limited.message).toContain("2026-11-26 00:00 UTC");
    expect(limited.errorReference).toMatch(/^OBS-/);
    expect(await transactionCount(connectionId)).toBe(firstSync.inserted);
    expect(await shownStateOf(connectionId)).toBe("active");
  });

  it("tells the user to turn automatic sync off when the bank refuses background refresh; manual still works", async () => {
    resetClock();
    const { actor, connectionId } = await connectBank(world, "Demo Bank Manual Only");
    world.clock.now = new Date("2026-11-27T09:00:00Z");
    const scheduled = await syncConnection(world.deps, { ...actor, connectionId, trigger: "scheduled" });
    expect(scheduled.status).toBe("failed");
    expect(scheduled.errorCode).toBe("background_refresh_unsupported");
    expect(await log(connectionId)).toContain("Turn automatic synchronization off");
    const manual = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(manual.status).toBe("succeeded");
  });

  it("turns an unreachable provider into a failed run with a reference, not an exception", async () => {
    resetClock();
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const { createSandboxProvider } = await import("@/lib/providers/sandbox/sandbox-provider");
    const { sandboxProviderConfig } = await import("@/lib/providers/sandbox/config");
    const unreachable = createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: "http://127.0.0.1:9/sandbox", timeoutMs: 2_000 });
    const outcome = await syncConnection({ ...world.deps, provider: () => unreachable }, { ...actor, connectionId, trigger: "manual" });
    expect(outcome).toMatchObject({ status: "failed", errorCode: "provider_transient" });
    expect(outcome.errorReference).toMatch(/^OBS-[A-Z2-9]{8}$/);
    const [run] = await db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.id, outcome.runId!)));
    expect(run).toMatchObject({ status: "failed", errorReference: outcome.errorReference });
    expect(await shownStateOf(connectionId)).toBe("active");
  });
});
