/**
 * Pending lines during a sync, against the test database: stored apart from the books,
 * linked to their posted twin (Plaid's explicit link, or a match at the Sandbox's "Demo
 * Bank Pending", which posts them the next day under a new id), the user's note and
 * partner carried over, ties left alone and lines the bank dropped marked so.
 */
import { and, count, eq, inArray, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, connectionEvents, pendingTransactions, transactions } from "@/db/schema";
import type { ProviderTransaction } from "@/lib/providers/types";
import { syncConnection } from "@/lib/sync/run-sync";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { findMissingTransactions } from "@/lib/missing/find";
import { deleteTransactions } from "@/lib/transactions/delete";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { insertLines } from "@/lib/testing/transaction-rows";
import { PendingFeed } from "./collect";
import { savePendingNote } from "./note";
import { listOpenPendingLines, pendingOrigins } from "./queries";
import { settlePendingLines } from "./record";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const START = new Date("2026-11-25T09:00:00Z");
const NEXT_DAY = new Date("2026-11-26T09:00:00Z");

async function accountOf(connectionId: string) {
  const [account] = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId));
  return account!;
}

async function pendingRows(bankAccountId: string) {
  return db.select().from(pendingTransactions).where(eq(pendingTransactions.bankAccountId, bankAccountId)).orderBy(pendingTransactions.id);
}

describe("Demo Bank Pending: today's lines post tomorrow under a new id, without a link", () => {
  it("keeps them out of the books, then links each to its posted line and moves the user's note and partner", async () => {
    world.clock.now = new Date(START);
    const { actor, connectionId } = await connectBank(world, "Demo Bank Pending");
    const account = await accountOf(connectionId);
    const scope = { companyId: actor.companyId, bankAccountId: account.id };

    const waiting = await listOpenPendingLines(db, scope);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((line) => line.bookingDate === "2026-11-25" && line.firstSeenAt.getTime() === START.getTime())).toBe(true);
    const [booked] = await db.select({ n: count() }).from(transactions).where(and(eq(transactions.bankAccountId, account.id), eq(transactions.bookingDate, "2026-11-25")));
    expect(booked!.n).toBe(0);

    const noted = waiting[0]!;
    expect(await savePendingNote(db, actor, { bankAccountId: account.id, pendingId: noted.id, note: "Taxi to the trade fair", partnerName: "City Cabs" })).toEqual({ ok: true });

    // A second read the same day changes nothing but the time it was last seen.
    world.clock.now = new Date("2026-11-25T15:00:00Z");
    await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    const again = await pendingRows(account.id);
    expect(again.map((row) => row.id)).toEqual(waiting.map((line) => line.id).sort((a, b) => a - b));
    expect(again.every((row) => row.firstSeenAt.getTime() === START.getTime() && row.lastSeenAt.getTime() === world.clock.now.getTime())).toBe(true);

    world.clock.now = new Date(NEXT_DAY);
    const next = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(next.status).toBe("succeeded");

    const posted = await db.select().from(transactions).where(and(eq(transactions.bankAccountId, account.id), eq(transactions.bookingDate, "2026-11-25")));
    // Each pending line appears once in the books, under the bank's new id.
    expect(posted).toHaveLength(waiting.length);
    expect(posted.every((line) => line.onlineTransactionId!.startsWith("txn-"))).toBe(true);
    const settled = (await pendingRows(account.id)).filter((row) => row.bookingDate === "2026-11-25");
    expect(settled.every((row) => row.linkReason === "match" && row.postedAt?.getTime() === NEXT_DAY.getTime() && row.droppedAt === null)).toBe(true);
    expect(new Set(settled.map((row) => row.postedTransactionId)).size).toBe(waiting.length);

    const twinId = settled.find((row) => row.id === noted.id)!.postedTransactionId!;
    const twin = posted.find((line) => line.id === twinId)!;
    expect([twin.amount, twin.description]).toEqual([noted.amount, noted.description]);
    expect([twin.note, twin.partnerName]).toEqual(["Taxi to the trade fair", "City Cabs"]);
    expect(posted.filter((line) => line.id !== twinId).every((line) => line.note === null)).toBe(true);
    expect(await pendingOrigins(db, scope, [twinId])).toEqual({ [twinId]: { postedOn: "2026-11-26", pendingSince: "2026-11-25", note: "Taxi to the trade fair" } });
    // Another company sees no origin for this line.
    const stranger = await createCompanyWithUser(db);
    expect(await pendingOrigins(db, { companyId: stranger.company.id, bankAccountId: account.id }, [twinId])).toEqual({});

    // Today's lines are pending now, and still not in the books.
    const open = await listOpenPendingLines(db, scope);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((line) => line.bookingDate === "2026-11-26")).toBe(true);
    expect(await db.select().from(transactions).where(like(transactions.onlineTransactionId, "pend-%"))).toEqual([]);

    const log = await db.select({ message: connectionEvents.message, bankAccountId: connectionEvents.bankAccountId }).from(connectionEvents)
      .where(and(eq(connectionEvents.connectionId, connectionId), like(connectionEvents.message, "%posted.")));
    const expected = waiting.length === 1 ? "1 pending transaction posted." : `${waiting.length} pending transactions posted.`;
    expect(log).toEqual([{ message: `Current Account: ${expected}`, bankAccountId: account.id }]);

    // The next read links nothing twice.
    const third = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(third.inserted).toBe(0);
    const [stillOnce] = await db.select({ n: count() }).from(transactions).where(and(eq(transactions.bankAccountId, account.id), eq(transactions.bookingDate, "2026-11-25")));
    expect(stillOnce!.n).toBe(waiting.length);
  });
});

describe("Find Missing Transactions", () => {
  it("still greys the bank's pending lines, with the note typed on the stored one", async () => {
    world.clock.now = new Date(START);
    const { actor, connectionId } = await connectBank(world, "Demo Bank Pending");
    const account = await accountOf(connectionId);
    const [first] = await listOpenPendingLines(db, { companyId: actor.companyId, bankAccountId: account.id });
    await savePendingNote(db, actor, { bankAccountId: account.id, pendingId: first!.id, note: "Deposit for the stand", partnerName: "Messe GmbH" });

    const search = await findMissingTransactions(world.deps, actor, { bankAccountId: account.id, startingDate: "2026-11-20" });
    if (!search.ok) throw new Error(search.message);
    expect(search.pending.length).toBeGreaterThan(0);
    const noted = search.pending.filter((line) => line.note);
    expect(noted.map((line) => [line.description, line.note])).toEqual([[first!.description, "Deposit for the stand · Partner: Messe GmbH"]]);
  });
});

/** A provider line as an adapter gives it. */
function line(id: string, status: "posted" | "pending", bookingDate: string, amount: string, description: string): ProviderTransaction {
  return { providerTransactionId: id, status, bookingDate, valueDate: null, amount, currency: "EUR", description, partnerName: null, partnerAccount: null, reference: null };
}

async function read(bankAccountId: string, lines: ProviderTransaction[], at: string, fullRead = true) {
  const feed = new PendingFeed(null);
  feed.see(lines);
  return db.transaction((tx) => settlePendingLines(tx, feed, {
    bankAccountId, window: { from: "2026-11-20", to: "2026-11-30" }, fullRead, now: new Date(`${at}T09:00:00Z`),
  }));
}

describe("settling pending lines after a read", () => {
  it("leaves a tie alone: two posted lines could be the twin, so neither gets the note", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, company.id);
    await read(account.id, [line("p-1", "pending", "2026-11-24", "-3.50", "CARD PAYMENT Coffee Corner 4411")], "2026-11-24");
    const [pending] = await pendingRows(account.id);
    await savePendingNote(db, { companyId: company.id, userId: user.id }, { bankAccountId: account.id, pendingId: pending!.id, note: "Client meeting", partnerName: null });
    await insertLines(account.id, [
      { id: "t-1", date: "2026-11-25", amount: "-3.50", description: "Card payment Coffee Corner" },
      { id: "t-2", date: "2026-11-25", amount: "-3.50", description: "Card payment Coffee Corner" },
    ]);

    // Dropped without a link, but the note is reported, and kept on the account page (./dropped-notes.test.ts).
    expect(await read(account.id, [], "2026-11-26")).toEqual({
      linked: 0, dropped: 1, droppedWithNote: [{ bookingDate: "2026-11-24", description: "CARD PAYMENT Coffee Corner 4411", amount: "-3.5000", currency: "EUR" }],
    });
    const [after] = await pendingRows(account.id);
    expect(after!.postedTransactionId).toBeNull();
    const notes = await db.select({ note: transactions.note }).from(transactions).where(eq(transactions.bankAccountId, account.id));
    expect(notes).toEqual([{ note: null }, { note: null }]);
  });

  it("links a reworded posted line with the same amount a few days later, not one of another amount or too late", async () => {
    const { company } = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, company.id);
    await read(account.id, [
      line("p-hotel", "pending", "2026-11-21", "-180.00", "HOTEL ADLER 0042"),
      line("p-fuel", "pending", "2026-11-21", "-60.00", "Fuel station"),
    ], "2026-11-21");
    const [hotel] = await insertLines(account.id, [
      { id: "t-hotel", date: "2026-11-24", amount: "-180.00", description: "Hotel Adler Berlin" },
      { id: "t-other", date: "2026-11-24", amount: "-61.00", description: "Fuel station" },
      { id: "t-late", date: "2026-11-27", amount: "-60.00", description: "Fuel station" },
    ]);

    expect(await read(account.id, [], "2026-11-28")).toEqual({ linked: 1, dropped: 1, droppedWithNote: [] });
    const rows = await pendingRows(account.id);
    expect(rows.map((row) => [row.onlineTransactionId, row.postedTransactionId, row.linkReason, row.droppedAt !== null])).toEqual([
      ["p-hotel", hotel, "match", false],
      ["p-fuel", null, null, true],
    ]);
  });

  it("marks a line the bank stopped listing without a posted twin as dropped, and keeps the ones still listed", async () => {
    const { company } = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, company.id);
    const scope = { companyId: company.id, bankAccountId: account.id };
    const kept = line("p-kept", "pending", "2026-11-24", "-12.00", "Parking");
    await read(account.id, [kept, line("p-gone", "pending", "2026-11-24", "-99.00", "Hold at car rental")], "2026-11-24");
    // A cursor feed that did not mention p-gone says nothing about it.
    expect(await read(account.id, [], "2026-11-25", false)).toEqual({ linked: 0, dropped: 0, droppedWithNote: [] });
    expect((await listOpenPendingLines(db, scope)).map((l) => l.description)).toEqual(["Parking", "Hold at car rental"]);

    expect(await read(account.id, [kept], "2026-11-25")).toEqual({ linked: 0, dropped: 1, droppedWithNote: [] });
    const rows = await pendingRows(account.id);
    expect(rows.map((row) => [row.onlineTransactionId, row.droppedAt?.toISOString() ?? null])).toEqual([
      ["p-kept", null],
      ["p-gone", "2026-11-25T09:00:00.000Z"],
    ]);
    expect((await listOpenPendingLines(db, scope)).map((l) => l.description)).toEqual(["Parking"]);
    const [inBooks] = await db.select({ n: count() }).from(transactions).where(eq(transactions.bankAccountId, account.id));
    expect(inBooks!.n).toBe(0);
    // Listed again later: it is back.
    await read(account.id, [kept, line("p-gone", "pending", "2026-11-24", "-99.00", "Hold at car rental")], "2026-11-26");
    expect((await pendingRows(account.id)).filter((row) => row.droppedAt === null && row.postedTransactionId === null)).toHaveLength(2);
  });

  it("a saved note is refused on another company's pending line, and on one that posted; a posted line deleted later leaves no pending line", async () => {
    const owner = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, owner.company.id);
    await read(account.id, [line("p-1", "pending", "2026-11-24", "-5.00", "Bakery")], "2026-11-24");
    const [pending] = await pendingRows(account.id);
    const stranger = await createCompanyWithUser(db);
    const refused = await savePendingNote(db, { companyId: stranger.company.id, userId: stranger.user.id }, { bankAccountId: account.id, pendingId: pending!.id, note: "mine now", partnerName: "Thief" });
    expect(refused.ok).toBe(false);
    const [untouched] = await pendingRows(account.id);
    expect([untouched!.note, untouched!.userPartnerName]).toEqual([null, null]);

    const [twin] = await insertLines(account.id, [{ id: "t-1", date: "2026-11-24", amount: "-5.00", description: "Bakery" }]);
    expect(await read(account.id, [], "2026-11-25")).toEqual({ linked: 1, dropped: 0, droppedWithNote: [] });
    expect((await pendingRows(account.id))[0]!.postedTransactionId).toBe(twin);
    expect((await savePendingNote(db, { companyId: owner.company.id, userId: owner.user.id }, { bankAccountId: account.id, pendingId: pending!.id, note: "late", partnerName: null })).ok).toBe(false);
    expect(await db.select().from(pendingTransactions).where(and(inArray(pendingTransactions.id, [pending!.id]), isNull(pendingTransactions.note)))).toHaveLength(1);

    // The posted line deleted later: its pending line does not come back as pending.
    const owned = { companyId: owner.company.id, userId: owner.user.id };
    expect(await deleteTransactions(db, owned, { bankAccountId: account.id, transactionIds: [twin!], reason: "duplicate" })).toEqual({ ok: true, deleted: 1 });
    expect(await listOpenPendingLines(db, { companyId: owner.company.id, bankAccountId: account.id })).toEqual([]);
    expect(await read(account.id, [], "2026-11-26")).toEqual({ linked: 0, dropped: 0, droppedWithNote: [] });
  });
});
