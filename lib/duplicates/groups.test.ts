import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import { stageAndCommitFile } from "@/lib/import/testing/staging";
import { applyCorrections } from "@/lib/sync/apply-corrections";
import { ingestTransactions, type IngestLine } from "@/lib/sync/ingest";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { deleteTransactions } from "@/lib/transactions/delete";
import { restoreDeletedTransactions } from "@/lib/transactions/restore";
import { findDuplicateGroups } from "./find";
import { markNotDuplicate } from "./not-duplicate";

type GroupRow = { bank_account_id: string; booking_date: string; amount: string; currency: string; line_count: number; dismissed_pairs: number };

/** What the triggers keep, as stored. */
const maintained = () => db.execute<GroupRow>(sql`
  select bank_account_id, booking_date::text, amount::text, currency, line_count, dismissed_pairs
  from duplicate_groups order by 1, 2, 3, 4`);

/** The same groups computed from scratch from every line and every dismissed pair. */
const recomputed = () => db.execute<GroupRow>(sql`
  select f.bank_account_id, f.booking_date::text, f.amount::text, f.currency, f.line_count,
    (select count(*)::int from not_duplicate_pairs n
      join transactions a on a.id = n.low_transaction_id join transactions b on b.id = n.high_transaction_id
      where a.bank_account_id = f.bank_account_id and a.booking_date = f.booking_date and a.amount = f.amount and a.currency = f.currency
        and b.bank_account_id = f.bank_account_id and b.booking_date = f.booking_date and b.amount = f.amount and b.currency = f.currency) as dismissed_pairs
  from (
    select bank_account_id, booking_date, amount, currency, count(*)::int as line_count
    from transactions group by 1, 2, 3, 4 having count(*) > 1
  ) f
  order by 1, 2, 3, 4`);

/** A small seeded generator, so a failing mix can be replayed. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(items: readonly T[]): T => items[int(items.length)]!;
  const some = <T,>(items: readonly T[], most: number): T[] => [...items].sort(() => next() - 0.5).slice(0, 1 + int(most));
  return { int, pick, some };
}

// Few dates and amounts, so lines keep landing on each other's fingerprints.
const DATES = ["2026-11-02", "2026-11-03", "2026-11-04"];
const AMOUNTS = ["-3.50", "-12.00", "250.00"];

describe("duplicate groups kept at write time", () => {
  it("equal a recomputation from scratch after a random mix of syncs, imports, corrections, deletions, restores and dismissals", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const actor = { companyId: company.id, userId: user.id };
    const accounts = [
      await createManualBankAccount(db, company.id),
      await createManualBankAccount(db, company.id, { name: "Savings", accountNumber: "DE02120300000000202051" }),
    ];
    const r = random(20);
    let serial = 0;
    const newLine = (): IngestLine => ({
      // Now and then an id seen before, which the ingest skips.
      onlineTransactionId: r.int(6) === 0 ? `id-${r.int(serial + 1)}` : `id-${(serial += 1)}`,
      bookingDate: r.pick(DATES), valueDate: null, amount: r.pick(AMOUNTS), currency: r.int(5) === 0 ? "USD" : "EUR",
      description: `Line ${serial}`, partnerName: null, partnerAccount: null, reference: null,
    });
    const linesOf = (bankAccountId: string) => db.execute<{ id: string; online_transaction_id: string | null; booking_date: string; amount: string; currency: string }>(sql`
      select id, online_transaction_id, booking_date::text, amount::text, currency from transactions where bank_account_id = ${bankAccountId}::uuid order by id`);
    const done: Record<string, number> = {};

    const operations = {
      sync: async (accountId: string) => {
        await db.transaction((tx) => ingestTransactions(tx, { bankAccountId: accountId, source: "sync", syncRunId: null, lines: Array.from({ length: 1 + r.int(8) }, newLine) }));
      },
      import: async (accountId: string) => {
        const rows = Array.from({ length: 1 + r.int(6) }, newLine).filter((line) => line.currency === "EUR");
        if (rows.length === 0) return false;
        const csv = `Date;Text;Amount\n${rows.map((line) => `${line.bookingDate};${line.description};${line.amount.replace(".", ",")}`).join("\n")}\n`;
        const { committed } = await stageAndCommitFile(actor, accountId, csv, {
          csvMapping: { dateColumn: 0, dateFormat: "YYYY-MM-DD", amountMode: "single", amountColumn: 2, decimalSeparator: ",", descriptionColumn: 1 },
        });
        expect(committed.ok).toBe(true);
      },
      correction: async (accountId: string) => {
        const lines = (await linesOf(accountId)).filter((line) => line.online_transaction_id?.startsWith("id-"));
        if (lines.length === 0) return false;
        await db.transaction((tx) => applyCorrections(tx, {
          bankAccountId: accountId,
          lines: r.some(lines, 2).map((line) => ({ ...newLine(), onlineTransactionId: line.online_transaction_id! })),
        }));
      },
      delete: async (accountId: string) => {
        const lines = await linesOf(accountId);
        if (lines.length === 0) return false;
        const result = await deleteTransactions(db, actor, { bankAccountId: accountId, transactionIds: r.some(lines, 3).map((line) => Number(line.id)), reason: "test" });
        expect(result.ok).toBe(true);
      },
      restore: async (accountId: string) => {
        const deletions = await db.execute<{ id: string }>(sql`
          select id from transaction_deletions where bank_account_id = ${accountId}::uuid and restored_at is null`);
        if (deletions.length === 0) return false;
        const result = await restoreDeletedTransactions(db, actor, { bankAccountId: accountId, deletionIds: r.some(deletions, 2).map((d) => Number(d.id)) });
        expect(result.ok).toBe(true);
      },
      dismiss: async (accountId: string) => {
        const lines = [...(await linesOf(accountId))];
        const byFingerprint = new Map<string, typeof lines>();
        for (const line of lines) {
          const key = `${line.booking_date}|${line.amount}|${line.currency}`;
          byFingerprint.set(key, [...(byFingerprint.get(key) ?? []), line]);
        }
        const groups = [...byFingerprint.values()].filter((group) => group.length > 1);
        if (groups.length === 0) return false;
        const group = r.pick(groups);
        const chosen = group.length === 2 ? group : r.some(group, group.length - 1);
        if (chosen.length < 2) return false;
        const result = await markNotDuplicate(db, actor, { bankAccountId: accountId, reason: "fingerprint", transactionIds: chosen.map((line) => Number(line.id)) });
        expect(result.ok).toBe(true);
      },
    };
    const kinds = Object.keys(operations) as (keyof typeof operations)[];
    for (let step = 0; step < 120; step += 1) {
      const kind = r.pick(kinds);
      const applied = await operations[kind](r.pick(accounts).id);
      if (applied !== false) done[kind] = (done[kind] ?? 0) + 1;
      expect(await maintained(), `after step ${step} (${kind})`).toEqual(await recomputed());
    }
    // Every kind of write ran, and the mix left groups, dismissed pairs and closed groups to compare.
    for (const kind of kinds) expect(done[kind] ?? 0, kind).toBeGreaterThan(3);
    const groups = await recomputed();
    expect(groups.length).toBeGreaterThan(5);
    expect(groups.some((group) => group.dismissed_pairs > 0)).toBe(true);
  }, 180_000);

  it("backs the page: a group closes when every pair is dismissed and opens again with a new line", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const actor = { companyId: company.id, userId: user.id };
    const account = await createManualBankAccount(db, company.id);
    const line = (id: string, description: string): IngestLine => ({
      onlineTransactionId: id, bookingDate: "2026-11-03", valueDate: null, amount: "-3.50", currency: "EUR", description, partnerName: null, partnerAccount: null, reference: null,
    });
    const ingest = (lines: IngestLine[]) => db.transaction((tx) => ingestTransactions(tx, { bankAccountId: account.id, source: "sync", syncRunId: null, lines }));
    const shown = async () => (await findDuplicateGroups(db, { companyId: company.id, bankAccountId: account.id, startingDate: "2026-11-01" }))
      .groups.map((group) => group.lines.map((l) => l.description).sort());

    await ingest([line("a", "Coffee A"), line("b", "Coffee B")]);
    expect(await shown()).toEqual([["Coffee A", "Coffee B"]]);
    const ids = (await db.execute<{ id: string }>(sql`select id from transactions order by id`)).map((row) => Number(row.id));
    await markNotDuplicate(db, actor, { bankAccountId: account.id, reason: "fingerprint", transactionIds: ids });
    expect(await shown()).toEqual([]);
    expect(await db.execute(sql`select 1 from duplicate_groups where dismissed_pairs < line_count * (line_count - 1) / 2`)).toHaveLength(0);

    await ingest([line("c", "Coffee C")]);
    expect(await shown()).toEqual([["Coffee A", "Coffee B", "Coffee C"]]);
  });

  it("are built by the migration for the lines and dismissals stored before it", async () => {
    const { company } = await createCompanyWithUser(db);
    const account = await createManualBankAccount(db, company.id);
    const [, maintenance] = fs.readdirSync(migrationsFolder).filter((file) => file.includes("duplicate_groups")).sort();
    const backfill = fs.readFileSync(path.join(migrationsFolder, maintenance!), "utf8").split("--> statement-breakpoint").slice(-2);
    expect(backfill.map((statement) => statement.trim().split("\n").find((l) => !l.startsWith("--"))!.split(" ").slice(0, 2).join(" ")))
      .toEqual(["INSERT INTO", "UPDATE duplicate_groups"]);
    // The lines of a database from before the migration: written with the triggers off.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      const ids = await tx.execute<{ id: string }>(sql`
        insert into transactions (bank_account_id, booking_date, amount, currency, description)
        select ${account.id}::uuid, date '2026-11-01' + (g % 3), -1 * (g % 2), 'EUR', 'Line ' || g from generate_series(1, 12) g
        returning id`);
      const [low, high] = ids.map((row) => Number(row.id)).sort((a, b) => a - b);
      await tx.execute(sql`insert into not_duplicate_pairs (low_transaction_id, high_transaction_id, bank_account_id, reason)
        values (${low}, ${high! + 5}, ${account.id}::uuid, 'fingerprint')`);
    });
    expect(await maintained()).toEqual([]);
    for (const statement of backfill) await db.execute(sql.raw(statement));
    const groups = await recomputed();
    expect(groups).toHaveLength(6);
    expect(groups.filter((group) => group.dismissed_pairs === 1)).toHaveLength(1);
    expect(await maintained()).toEqual(groups);
  });
});
