import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, statementImports, transactions } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { insertLines } from "@/lib/testing/transaction-rows";
import { findDuplicateGroups, MAX_LINES, singleAccountQuery } from "./find";
import { pendingTwinQuery } from "./pending-twins";

async function setup() {
  const { company } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  return { companyId: company.id, account };
}

const summary = (search: Awaited<ReturnType<typeof findDuplicateGroups>>) =>
  search.groups.map((g) => [g.reason, g.bookingDate, g.amount, g.lines.map((l) => l.description).sort()]);

describe("findDuplicateGroups", () => {
  it("says where each line came from: the bank by name, the statement file by name, or by hand", async () => {
    const { companyId, account } = await setup();
    await db.update(bankAccounts).set({ bankName: "Demo Bank" }).where(eq(bankAccounts.id, account.id));
    const [file] = await db.insert(statementImports)
      .values({ companyId, bankAccountId: account.id, fileName: "november.ofx", format: "ofx", status: "committed" })
      .returning({ id: statementImports.id });
    const [synced, imported, typed] = await insertLines(account.id, [
      { id: "bank-1", date: "2026-11-03", amount: "-3.50", description: "Coffee" },
      { id: "file:ffba01", date: "2026-11-03", amount: "-3.50", description: "Coffee" },
      { id: null, date: "2026-11-03", amount: "-3.50", description: "Coffee" },
    ]);
    await db.update(transactions).set({ source: "file", statementImportId: file!.id }).where(eq(transactions.id, imported!));
    await db.update(transactions).set({ source: "manual" }).where(eq(transactions.id, typed!));
    const search = await findDuplicateGroups(db, { companyId, bankAccountId: account.id, startingDate: "2026-11-01" });
    const sources = new Map(search.groups[0]!.lines.map((l) => [l.id, [l.source, l.sourceName]]));
    expect(Object.fromEntries([synced, imported, typed].map((id) => [id, sources.get(id!)]))).toEqual({
      [synced!]: ["sync", "Demo Bank"], [imported!]: ["file", "november.ofx"], [typed!]: ["manual", null],
    });
  });


  it("lists the newest page of pairs, whole, and says that there are more", async () => {
    const { companyId, account } = await setup();
    // One pair a day for more days than a page holds, from 1 Jan 2026.
    const days = MAX_LINES / 2 + 10;
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    await insertLines(account.id, Array.from({ length: days }, (_, i) => [
      { id: `a${i}`, date: day(i), amount: "-3.50", description: `Coffee ${i} A` },
      { id: `b${i}`, date: day(i), amount: "-3.50", description: `Coffee ${i} B` },
    ]).flat());
    const search = await findDuplicateGroups(db, { companyId, bankAccountId: account.id, startingDate: "2026-01-01" });
    expect(search.truncated).toBe(true);
    expect(search.groups.length).toBe(MAX_LINES / 2);
    expect(search.groups.every((group) => group.lines.length === 2)).toBe(true);
    expect(search.groups[0]!.bookingDate).toBe(day(days - 1));
    expect(search.groups.at(-1)!.bookingDate).toBe(day(10));
  });

  it("groups lines from the starting date with the same date, amount and currency", async () => {
    const { companyId, account } = await setup();
    await insertLines(account.id, [
      { id: "1", date: "2026-11-03", amount: "-3.50", description: "Coffee A" },
      { id: "2", date: "2026-11-03", amount: "-3.50", description: "Coffee B" },
      { id: "3", date: "2026-11-03", amount: "-3.50", currency: "USD", description: "Coffee in dollars" },
      { id: "4", date: "2026-11-03", amount: "-4.00", description: "Tea" },
      { id: "5", date: "2026-11-10", amount: "100.00", description: "Refund A" },
      { id: "6", date: "2026-11-10", amount: "100.00", description: "Refund B", reconciled: true },
      { id: "7", date: "2026-10-01", amount: "-9.00", description: "Old A" },
      { id: "8", date: "2026-10-01", amount: "-9.00", description: "Old B" },
    ]);
    const search = await findDuplicateGroups(db, { companyId, bankAccountId: account.id, startingDate: "2026-11-01" });
    expect(summary(search)).toEqual([
      ["fingerprint", "2026-11-10", "100.0000", ["Refund A", "Refund B"]],
      ["fingerprint", "2026-11-03", "-3.5000", ["Coffee A", "Coffee B"]],
    ]);
    expect(search.groups[0]!.lines.find((l) => l.description === "Refund B")!.reconciled).toBe(true);
    expect(search.truncated).toBe(false);
  });

  it("finds the same online transaction id and the same fingerprint on another account with the same number", async () => {
    const { companyId, account } = await setup();
    const twin = await createManualBankAccount(db, companyId, { name: "Added again", accountNumber: "de89 3704 0044 0532 0130 00" });
    const unrelated = await createManualBankAccount(db, companyId, { name: "Savings", accountNumber: "DE02120300000000202051" });
    await insertLines(account.id, [
      { id: "tx-1", date: "2026-11-03", amount: "-3.50", description: "Here" },
      { id: "tx-2", date: "2026-11-04", amount: "-7.00", description: "Here too" },
    ]);
    await insertLines(twin.id, [
      { id: "tx-1", date: "2026-11-03", amount: "-3.50", description: "There" },
      { id: "other", date: "2026-11-04", amount: "-7.00", description: "There too" },
    ]);
    await insertLines(unrelated.id, [{ id: "tx-2", date: "2026-11-04", amount: "-7.00", description: "Unrelated" }]);
    const search = await findDuplicateGroups(db, { companyId, bankAccountId: account.id, startingDate: "2026-11-01" });
    expect(summary(search)).toEqual([
      ["online_id", "2026-11-03", "-3.5000", ["Here", "There"]],
      ["fingerprint", "2026-11-04", "-7.0000", ["Here too", "There too"]],
      ["fingerprint", "2026-11-03", "-3.5000", ["Here", "There"]],
    ]);
    expect(search.groups[0]!.lines.map((l) => l.accountName).sort()).toEqual(["Added again", "Main account"]);
  });

  it("finds nothing for another company's account", async () => {
    const { account } = await setup();
    const stranger = await setup();
    await insertLines(account.id, [{ id: "1", date: "2026-11-03", amount: "-3.50" }, { id: "2", date: "2026-11-03", amount: "-3.50" }]);
    expect(await findDuplicateGroups(db, { companyId: stranger.companyId, bankAccountId: account.id, startingDate: "2026-11-01" }))
      .toEqual({ groups: [], truncated: false });
  });
});

describe("the duplicate search at scale", () => {
  it("reads the account's groups from the starting date and their lines by fingerprint, never the range's lines", async () => {
    const { companyId, account } = await setup();
    const other = await createManualBankAccount(db, companyId, { name: "Other", accountNumber: "DE02120300000000202051" });
    for (const [accountId, rows] of [[account.id, 200_000], [other.id, 50_000]] as const) {
      await db.execute(sql`
        insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description)
        select ${accountId}::uuid, 'bulk-' || g, date '2026-11-20' - (g / 200), ((g % 5000) - 2500) / 100.0, 'EUR', 'Line ' || g
        from generate_series(1, ${rows}) g`);
    }
    // One line in fifty booked twice: 4,000 groups over the account's 1,000 days.
    await db.execute(sql`
      insert into transactions (bank_account_id, booking_date, amount, currency, description)
      select bank_account_id, booking_date, amount, currency, 'Again' from transactions
      where bank_account_id = ${account.id}::uuid and id % 50 = 0`);
    await db.execute(sql`analyze transactions`);
    await db.execute(sql`analyze duplicate_groups`);
    for (const startingDate of ["2026-11-10", "2024-01-01", "2000-01-01"]) {
      const rows = await db.execute<{ "QUERY PLAN": string }>(sql`explain ${singleAccountQuery(account.id, startingDate)}`);
      const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
      // Each group's lines through the fingerprint index with all four columns: never a
      // range of lines, whatever the starting date.
      expect(plan).toMatch(/Index Scan using transactions_fingerprint_idx on transactions t[^\n]*\s+Index Cond: \(\(bank_account_id = .*\) AND \(booking_date = g\.booking_date\) AND \(amount = g\.amount\) AND \(currency = g\.currency\)\)/);
      expect(plan).not.toMatch(/Seq Scan on transactions|on transactions t[^\n]*\s+Index Cond: .*booking_date >=/);
    }
    // A short range reads its few groups through the groups' index.
    const short = await db.execute<{ "QUERY PLAN": string }>(sql`explain ${singleAccountQuery(account.id, "2026-11-10")}`);
    expect(short.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(/Index (Only )?Scan (Backward )?using duplicate_groups_\S+ on duplicate_groups/);
    const found = await findDuplicateGroups(db, { companyId, bankAccountId: account.id, startingDate: "2026-11-10" });
    expect(found.groups.length).toBeGreaterThan(20);
    for (const group of found.groups) expect(group.lines.map((line) => line.description).sort()).toEqual(["Again", expect.stringMatching(/^Line /)]);
   }, 120_000);

  it("finds pending twins through the indexes: the account's pending lines, then a short date range per posted line", async () => {
    const { account } = await setup();
    await db.execute(sql`
      insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description)
      select ${account.id}::uuid, 'bulk-' || g, date '2026-11-20' - (g / 200), ((g % 5000) - 2500) / 100.0, 'EUR', 'Line ' || g
      from generate_series(1, 50000) g`);
    // A few hundred lines posted after a pending one, as a year of a busy card account leaves.
    await db.execute(sql`
      insert into pending_transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, posted_transaction_id)
      select t.bank_account_id, 'pend-' || t.id, t.booking_date, t.amount, t.currency, t.id
      from transactions t where t.bank_account_id = ${account.id}::uuid and t.id % 125 = 0`);
    await db.execute(sql`analyze transactions`);
    await db.execute(sql`analyze pending_transactions`);
    const rows = await db.execute<{ "QUERY PLAN": string }>(sql`explain ${pendingTwinQuery({ bankAccountId: account.id, startingDate: "2026-10-21", limit: 1001 })}`);
    const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
    expect(plan).not.toMatch(/Seq Scan on transactions/);
    expect(plan).toMatch(/(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) transactions_fingerprint_idx/);
  });
});
