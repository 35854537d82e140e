import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { statementImports } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { withImportPlanner } from "./planner";
import { previewStatement } from "./preview";

type PlanNode = {
  "Node Type": string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Join Filter"?: number;
  Plans?: PlanNode[];
};

const ACCOUNT_LINES = 6_000;
const FILE_LINES = 6_000;
const DELETED_LINES = 3_000;

/** Rows every node of the executed plan read (kept or filtered out), loops included: quadratic work shows up here. */
function rowsProduced(node: PlanNode): number {
  const read = node["Actual Rows"] + (node["Rows Removed by Filter"] ?? 0) + (node["Rows Removed by Join Filter"] ?? 0);
  return read * node["Actual Loops"] + (node.Plans ?? []).reduce((sum, child) => sum + rowsProduced(child), 0);
}

function nodeTypes(node: PlanNode): string[] {
  return [node["Node Type"], ...(node.Plans ?? []).flatMap(nodeTypes)];
}

async function scenario() {
  const { company, user } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  const other = await createManualBankAccount(db, company.id, { accountNumber: "OTHER-1" });
  const importId = randomUUID();
  await db.insert(statementImports).values({ id: importId, companyId: company.id, bankAccountId: account.id, fileName: "big.csv", format: "csv", createdBy: user.id });
  // The account and another one hold lines over the same days; the file repeats half of the account's.
  await db.execute(sql`
    insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description, source)
    select a.id, a.prefix || i, date '2023-01-01' + (i % 900), -(i % 700) - 0.5, 'EUR', 'line ' || i, 'file'
    from generate_series(1, ${ACCOUNT_LINES}) i, (values (${account.id}::uuid, 'a-'), (${other.id}::uuid, 'o-')) as a(id, prefix)
  `);
  // Lines deleted from the account earlier, synced under ids of their own.
  await db.execute(sql`
    insert into transaction_deletions (company_id, bank_account_id, transaction_id, online_transaction_id, booking_date, amount, currency, snapshot, reason)
    select ${company.id}::uuid, ${account.id}::uuid, i, 'synced-' || i, date '2023-01-01' + (i % 900), -(i % 700) - 0.25, 'EUR', '{}'::jsonb, 'test'
    from generate_series(1, ${DELETED_LINES}) i
  `);
  await db.execute(sql`
    insert into statement_import_lines (import_id, line_no, file_transaction_id, booking_date, amount, currency, description)
    select ${importId}::uuid, i, case when i % 3 = 0 then 'a-' || (i * 2) end, date '2023-01-01' + ((i * 2) % 900), -((i * 2) % 700) - 0.5, 'EUR', 'file ' || i
    from generate_series(1, ${FILE_LINES}) i
  `);
  return { importId, account: { id: account.id, lockDate: null } };
}

async function explainPreview(importId: string, account: { id: string; lockDate: null }) {
  return db.transaction(async (tx) => {
    const [row] = await withImportPlanner(tx, () =>
      tx.execute<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(sql`explain (analyze, format json) ${previewStatement(importId, account)}`));
    return row!["QUERY PLAN"][0].Plan;
  });
}

describe("the preview's duplicate query whatever the statistics say", () => {
  beforeAll(async () => {
    // Statistics are what this test controls: no background analyse may change them midway.
    for (const table of ["transactions", "statement_import_lines", "transaction_deletions"]) {
      await db.execute(sql.raw(`alter table ${table} set (autovacuum_enabled = false)`));
    }
  });

  it("does work linear in the lines with the statistics of empty tables (lines staged after the last analyse)", async () => {
    await db.execute(sql`analyze transactions, statement_import_lines, transaction_deletions`);
    const { importId, account } = await scenario();
    const plan = await explainPreview(importId, account);
    expect(nodeTypes(plan)).not.toContain("Nested Loop");
    expect(rowsProduced(plan)).toBeLessThan(20 * (ACCOUNT_LINES * 2 + FILE_LINES + DELETED_LINES));
  });

  it("does work linear in the lines with the statistics of full tables", async () => {
    const { importId, account } = await scenario();
    await db.execute(sql`analyze transactions, statement_import_lines, transaction_deletions`);
    const plan = await explainPreview(importId, account);
    expect(nodeTypes(plan)).not.toContain("Nested Loop");
    expect(rowsProduced(plan)).toBeLessThan(20 * (ACCOUNT_LINES * 2 + FILE_LINES + DELETED_LINES));
  });
});
