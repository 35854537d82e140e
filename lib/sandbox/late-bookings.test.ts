/**
 * The Sandbox bank books lines late (test control, and now and then on its own), and the
 * app's sync imports each of them exactly once: the trailing overlap sees them, the
 * ingest skips what it already has.
 */
import { count, eq, gt, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, transactions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { addDays } from "@/lib/dates";
import { fromMinorUnits, sumDecimals, toMinorUnits } from "@/lib/money";
import { lateBookingsJson } from "@/lib/providers/sandbox/types";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { deriveAccounts } from "./accounts";
import { transactionsOfDay } from "./generator";
import { findInstitution } from "./institutions";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

async function bookLate(connectionId: string) {
  const [row] = await db.select({ ref: bankConnections.providerRefEncrypted }).from(bankConnections).where(eq(bankConnections.id, connectionId));
  const response = await fetch(`${world.server.baseUrl}/api/connections/${decryptSecret(row!.ref!)}/late-bookings`, {
    method: "POST", headers: { "content-type": "application/json" }, body: "{}",
  });
  expect(response.status).toBe(201);
  return lateBookingsJson.parse(await response.json()).transactions;
}

async function linesOf(connectionId: string) {
  return db.select({ id: transactions.onlineTransactionId, date: transactions.bookingDate, amount: transactions.amount })
    .from(transactions).innerJoin(bankAccounts, eq(bankAccounts.id, transactions.bankAccountId))
    .where(eq(bankAccounts.connectionId, connectionId));
}

async function repeatedIds(connectionId: string) {
  return db.select({ id: transactions.onlineTransactionId, n: count() }).from(transactions)
    .innerJoin(bankAccounts, eq(bankAccounts.id, transactions.bankAccountId))
    .where(eq(bankAccounts.connectionId, connectionId))
    .groupBy(transactions.bankAccountId, transactions.onlineTransactionId).having(({ n }) => gt(n, 1));
}

describe("the Sandbox bank books lines late", () => {
  it("a line booked after the sync under today's date and one back-dated 3 days are imported once by the next sync", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank");
    expect(firstSync.status).toBe("succeeded");

    world.clock.now = new Date("2026-11-25T14:00:00Z");
    const late = await bookLate(connectionId);
    // Demo Bank grants three accounts: two lines on each.
    expect(late.map((line) => line.booking_date).sort()).toEqual(["2026-11-22", "2026-11-22", "2026-11-22", "2026-11-25", "2026-11-25", "2026-11-25"]);

    const next = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(next).toMatchObject({ status: "succeeded", inserted: 6, message: "6 new transactions" });
    const stored = await db.select().from(transactions).where(inArray(transactions.onlineTransactionId, late.map((line) => line.id)));
    expect(stored.map((line) => [line.onlineTransactionId, line.bookingDate, line.amount]).sort()).toEqual(
      late.map((line) => [line.id, line.booking_date, Number(line.amount).toFixed(4)]).sort(),
    );

    // Re-reading the same window adds nothing.
    const again = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, message: "No new transactions" });
    expect(again.skipped).toBeGreaterThan(6);
    expect(await repeatedIds(connectionId)).toEqual([]);
  });

  it("refuses an account that is not part of the connection, and books nothing", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { connectionId } = await connectBank(world, "Demo Bank", { username: "late-refused" });
    const [row] = await db.select({ ref: bankConnections.providerRefEncrypted }).from(bankConnections).where(eq(bankConnections.id, connectionId));
    const ref = decryptSecret(row!.ref!);
    const response = await fetch(`${world.server.baseUrl}/api/connections/${ref}/late-bookings`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ account_id: "acc_someone_else" }),
    });
    expect(response.status).toBe(404);
    expect((await world.server.store.getConnection(ref))!.lateBookings).toEqual([]);
  });

  it("counts the late lines in the balance the bank reports", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank", { username: "late-balance" });
    const balances = async () => new Map((await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId))).map((a) => [a.id, a.balance!]));
    const before = await balances();
    const late = await bookLate(connectionId);
    await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    const after = await balances();
    const stored = await db.select({ accountId: transactions.bankAccountId, amount: transactions.amount }).from(transactions)
      .where(inArray(transactions.onlineTransactionId, late.map((line) => line.id)));
    for (const [accountId, balance] of after) {
      const lateAmounts = stored.filter((line) => line.accountId === accountId).map((line) => line.amount);
      expect(lateAmounts).toHaveLength(2);
      expect(fromMinorUnits(toMinorUnits(balance, 4) - toMinorUnits(before.get(accountId)!, 4), 4)).toBe(sumDecimals(lateAmounts, 4));
    }
  });

  it("on its own, the bank's late lines of the past days are all imported, once, by daily syncs", async () => {
    world.clock.now = new Date("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank", { username: "late-on-its-own-9" });
    for (let day = 1; day <= 30; day += 1) {
      world.clock.now = new Date(new Date("2026-11-25T09:00:00Z").getTime() + day * 86_400_000);
      expect((await syncConnection(world.deps, { ...actor, connectionId, trigger: "scheduled" })).status).toBe("succeeded");
    }
    const today = addDays("2026-11-25", 30);
    const institution = findInstitution("demo_bank")!;
    const accounts = deriveAccounts(institution, "late-on-its-own-9", null);
    // What the bank lists today for those days, and how many days after its date it first listed each line
    // (this login's accounts have lines listed one day late and three days late in that month).
    const firstListed = (account: (typeof accounts)[number], day: string, id: string) =>
      [0, 1, 2, 3].find((delay) => transactionsOfDay(account, institution, day, addDays(day, delay)).some((line) => line.id === id));
    const listed = accounts.flatMap((account) =>
      Array.from({ length: 31 }, (_, i) => addDays("2026-11-25", i)).flatMap((day) =>
        transactionsOfDay(account, institution, day, today).map((line) => ({ id: line.id, delay: firstListed(account, day, line.id) })),
      ),
    );
    expect(new Set(listed.map((line) => line.delay))).toEqual(new Set([0, 1, 3]));
    const stored = new Set((await linesOf(connectionId)).filter((line) => line.date >= "2026-11-25").map((line) => line.id));
    expect(listed.filter((line) => !stored.has(line.id))).toEqual([]);
    expect(await repeatedIds(connectionId)).toEqual([]);
  }, 120_000);
});
