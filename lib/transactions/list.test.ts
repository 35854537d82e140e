import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { transactions } from "@/db/schema";
import { addDays } from "@/lib/dates";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { listTransactions, pageQuery, type AccountScope, type TransactionPage } from "./list";
import type { TransactionFilter } from "./query-params";

const noFilter: TransactionFilter = { from: null, to: null, text: null };

/** 250 transactions over 20 days (about 12 a day), inserted in shuffled order so ids do not follow dates. */
async function seedAccount() {
  const { company } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  const lines = Array.from({ length: 250 }, (_, i) => ({
    bankAccountId: account.id,
    bookingDate: addDays("2026-10-01", (i * 7) % 20),
    amount: `${i % 2 ? "-" : ""}${i}.${String(i % 100).padStart(2, "0")}`,
    currency: "EUR",
    description: i % 25 === 0 ? `Card payment 100% Coffee #${i}` : `Transfer ${i}`,
    partnerName: i % 10 === 3 ? "ACME Supplies" : `Partner ${i}`,
    reference: i === 77 ? "INV-2026-0042" : null,
  }));
  for (let i = lines.length - 1; i > 0; i -= 1) {
    const j = (i * 31) % (i + 1);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  await db.insert(transactions).values(lines);
  const scope: AccountScope = { companyId: company.id, bankAccountId: account.id };
  return { scope, company, account };
}

async function expectedOrder(bankAccountId: string) {
  const rows = await db.select({ id: transactions.id, bookingDate: transactions.bookingDate }).from(transactions)
    .where(sql`${transactions.bankAccountId} = ${bankAccountId}`);
  return rows
    .sort((a, b) => (a.bookingDate === b.bookingDate ? b.id - a.id : a.bookingDate < b.bookingDate ? 1 : -1))
    .map((row) => row.id);
}

describe("listTransactions", () => {
  it("walks every page forward and back: each row exactly once, newest first, ties broken by id", async () => {
    const { scope } = await seedAccount();
    const expected = await expectedOrder(scope.bankAccountId);

    const forward: TransactionPage[] = [await listTransactions(db, scope, { filter: noFilter, limit: 40 })];
    expect(forward[0]!.newer).toBeNull();
    while (forward.at(-1)!.older) {
      forward.push(await listTransactions(db, scope, { filter: noFilter, limit: 40, cursor: { direction: "older", key: forward.at(-1)!.older! } }));
    }
    expect(forward.map((page) => page.rows.length)).toEqual([40, 40, 40, 40, 40, 40, 10]);
    expect(forward.flatMap((page) => page.rows.map((row) => row.id))).toEqual(expected);
    expect(forward.slice(1).every((page) => page.newer !== null)).toBe(true);

    const backward: TransactionPage[] = [forward.at(-1)!];
    while (backward.at(-1)!.newer) {
      backward.push(await listTransactions(db, scope, { filter: noFilter, limit: 40, cursor: { direction: "newer", key: backward.at(-1)!.newer! } }));
    }
    expect(backward.map((page) => page.rows.map((row) => row.id))).toEqual(forward.map((page) => page.rows.map((row) => row.id)).reverse());
    expect(backward.at(-1)!.newer).toBeNull();
    expect(backward.slice(1).every((page) => page.older !== null)).toBe(true);
  });

  it("returns amounts exactly as stored and says whether a row is reconciled", async () => {
    const { scope } = await seedAccount();
    await db.execute(sql`update ${transactions} set reconciled_at = now() where ${transactions.description} = 'Transfer 1'`);
    const all = (await listTransactions(db, scope, { filter: noFilter, limit: 500 })).rows;
    const one = all.find((row) => row.description === "Transfer 1")!;
    expect(one).toMatchObject({ amount: "-1.0100", currency: "EUR" });
    expect(one.reconciledAt).toBeInstanceOf(Date);
    expect(all.filter((row) => row.reconciledAt !== null)).toHaveLength(1);
  });

  it("says which lines the bank withdrew after they were imported, and when", async () => {
    const { scope } = await seedAccount();
    const withdrawnAt = new Date("2026-10-21T08:00:00.000Z");
    await db.update(transactions).set({ removedAtProviderAt: withdrawnAt }).where(sql`${transactions.description} = 'Transfer 7'`);
    const all = (await listTransactions(db, scope, { filter: noFilter, limit: 500 })).rows;
    expect(all.filter((row) => row.removedAtProviderAt !== null).map((row) => [row.description, row.removedAtProviderAt?.toISOString()])).toEqual([
      ["Transfer 7", withdrawnAt.toISOString()],
    ]);
  });

  it("filters by an inclusive date range, and pages within it", async () => {
    const { scope } = await seedAccount();
    const filter = { ...noFilter, from: "2026-10-05", to: "2026-10-07" };
    const first = await listTransactions(db, scope, { filter, limit: 20 });
    const second = await listTransactions(db, scope, { filter, limit: 20, cursor: { direction: "older", key: first.older! } });
    const rows = [...first.rows, ...second.rows];
    expect(second.older).toBeNull();
    expect(new Set(rows.map((row) => row.bookingDate))).toEqual(new Set(["2026-10-05", "2026-10-06", "2026-10-07"]));
    expect(rows.length).toBeGreaterThan(20);
    const inRange = (await listTransactions(db, scope, { filter: noFilter, limit: 500 })).rows
      .filter((row) => row.bookingDate >= "2026-10-05" && row.bookingDate <= "2026-10-07");
    expect(rows.map((row) => row.id)).toEqual(inRange.map((row) => row.id));
  });

  it("filters by text in the description, partner or reference, ignoring case and treating % literally", async () => {
    const { scope } = await seedAccount();
    const search = async (text: string) => (await listTransactions(db, scope, { filter: { ...noFilter, text }, limit: 500 })).rows;
    expect((await search("acme supplies")).every((row) => row.partnerName === "ACME Supplies")).toBe(true);
    expect(await search("acme supplies")).toHaveLength(25);
    expect((await search("inv-2026-0042")).map((row) => row.description)).toEqual(["Transfer 77"]);
    expect(await search("100% coffee")).toHaveLength(10);
    expect(await search("100%25")).toHaveLength(0);
    expect(await search("_")).toHaveLength(0);
  });

  it("gives nothing for another company's account, even with its real id", async () => {
    const { scope } = await seedAccount();
    const other = await createCompanyWithUser(db);
    const page = await listTransactions(db, { companyId: other.company.id, bankAccountId: scope.bankAccountId }, { filter: noFilter });
    expect(page).toEqual({ rows: [], older: null, newer: null });
  });
});

describe("the page query at scale", () => {
  it("reads the (account, booking_date desc, id desc) index, never sorts, never scans the table", { timeout: 120_000 }, async () => {
    const { scope, company } = await seedAccount();
    const other = await createManualBankAccount(db, company.id, { name: "Other" });
    // Seeded with the triggers off for this session only (they keep duplicate_groups, which
    // this plan test does not read, and cost minutes on 400,000 rows in one statement).
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const [accountId, count] of [[scope.bankAccountId, 300_000], [other.id, 100_000]] as const) {
        await tx.execute(sql`
          insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description, partner_name)
          select ${accountId}::uuid, 'bulk-' || g, date '2026-09-30' - (g / 120), (g % 10000)::numeric / 100, 'EUR', 'Payment ' || g, 'Partner ' || (g % 97)
          from generate_series(1, ${count}) g`);
      }
    });
    await db.execute(sql`analyze transactions`);

    const explain = async (filter: TransactionFilter, cursor: Parameters<typeof pageQuery>[3]) => {
      const rows = await db.execute<{ "QUERY PLAN": string }>(sql`explain ${pageQuery(db, scope, filter, cursor, 51).getSQL()}`);
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    };
    const deep = { bookingDate: "2025-06-01", id: 150_000 };
    const plans = [
      await explain(noFilter, null),
      await explain(noFilter, { direction: "older", key: deep }),
      await explain(noFilter, { direction: "newer", key: deep }),
      await explain({ from: "2025-01-01", to: "2025-03-31", text: null }, { direction: "older", key: deep }),
      await explain({ ...noFilter, text: "partner 42" }, null),
    ];
    for (const plan of plans) {
      expect(plan).toMatch(/Index Scan (Backward )?using transactions_account_date_idx on transactions/);
      expect(plan).not.toMatch(/Sort|Seq Scan on transactions/);
    }
    expect(plans[1]).toMatch(/Index Cond: .*ROW\(booking_date, id\) < ROW/);
  });
});
