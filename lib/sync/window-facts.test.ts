/**
 * First sync or later sync, and how far back a later one may re-read: decided from what
 * the connection itself imported, against the Sandbox bank and the test database.
 */
import { randomUUID } from "node:crypto";
import { and, eq, lte, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, syncRuns, transactions } from "@/db/schema";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { syncConnection } from "./run-sync";
import { readWindowFacts } from "./window-facts";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("readWindowFacts", () => {
  it("after a first sync: a later one, with nothing of another source to stop its overlap", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { connectionId } = await connectBank(world, "Demo Bank");
    const [account] = await db.select().from(bankAccounts).where(and(eq(bankAccounts.connectionId, connectionId), eq(bankAccounts.currency, "USD")));
    const [newest] = await db.select({ date: max(transactions.bookingDate) }).from(transactions).where(eq(transactions.bankAccountId, account!.id));
    expect(await readWindowFacts(db, { bankAccountId: account!.id, connectionId })).toEqual({
      newestBookingDate: newest!.date, synced: { newestBookingDate: newest!.date, floor: null },
    });
    // Another connection to the same account (a re-link) starts with a first sync after these lines.
    expect(await readWindowFacts(db, { bankAccountId: account!.id, connectionId: randomUUID() })).toEqual({ newestBookingDate: newest!.date, synced: null });
  });

  it("a later sync never re-reads the days a statement file brought before the first sync", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank", { username: "file-first" });
    const [account] = await db.select().from(bankAccounts).where(and(eq(bankAccounts.connectionId, connectionId), eq(bankAccounts.currency, "USD")));
    // As if the account had been filled from a file up to 2026-11-20 before the bank was connected.
    await db.delete(transactions).where(eq(transactions.bankAccountId, account!.id));
    await db.insert(transactions).values(["2026-11-19", "2026-11-20"].map((day) => ({
      bankAccountId: account!.id, onlineTransactionId: `file-${day}`, bookingDate: day, amount: "-10.0000", currency: "USD", description: "From a file", source: "file" as const,
    })));
    expect(await readWindowFacts(db, { bankAccountId: account!.id, connectionId })).toEqual({ newestBookingDate: "2026-11-20", synced: null });

    await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    const facts = await readWindowFacts(db, { bankAccountId: account!.id, connectionId });
    expect(facts.synced?.floor).toBe("2026-11-21");

    // Two days on, the overlap (7 days before the newest line) stops at the file's last day.
    world.clock.now = new Date("2026-11-27T09:00:00Z");
    const later = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(later.status).toBe("succeeded");
    const fromTheBank = await db.select({ date: transactions.bookingDate }).from(transactions)
      .innerJoin(syncRuns, eq(syncRuns.id, transactions.syncRunId))
      .where(and(eq(transactions.bankAccountId, account!.id), lte(transactions.bookingDate, "2026-11-20")));
    // Under other ids than the file's: had the overlap reached them, they would be here twice.
    expect(fromTheBank).toEqual([]);
  });
});
