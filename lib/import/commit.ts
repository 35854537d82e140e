/**
 * Commit or discard a previewed import. The commit is one database transaction: the
 * preview is computed again (the account may have changed since), the new lines go
 * through the sync's ingest (ON CONFLICT DO NOTHING on the account's online ids, so a
 * second commit of the same file adds nothing), and the account's log records it.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { statementImportLines, statementImports } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { logConnectionEvent } from "@/lib/connections/log";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { ingestTransactions, type IngestLine } from "@/lib/sync/ingest";
import { isUuid } from "@/lib/uuid";
import { loadImportAccount, type ImportAccount } from "./account";
import { checkClosingBalance, storeClosingBalance } from "./closing-balance";
import { errorColumns } from "./error-columns";
import { isStatementTimeout, limitStatementTime, timeoutMessage, withImportPlanner } from "./planner";
import { computePreview } from "./preview";
import { listOf, type ClosingBalance } from "./types";

export type CommitResult = { ok: true; inserted: number; present: number; locked: number; otherCurrencySkipped: number } | { ok: false; error: StoredMessage };

class Refusal extends Error {
  constructor(readonly reason: StoredMessage) {
    super(reason.key);
  }
}

type Actor = Pick<Membership, "companyId" | "userId">;

export async function commitImport(db: Db, actor: Actor, importId: string, options: { statementTimeoutMs?: number } = {}): Promise<CommitResult> {
  if (!isUuid(importId)) return { ok: false, error: storedMessage("statementFile.noSuchImport") };
  let closing: { account: ImportAccount; balance: ClosingBalance } | null = null;
  try {
    const result = await db.transaction(async (tx) => {
      await limitStatementTime(tx, options.statementTimeoutMs);
      const [row] = await tx
        .select({
          id: statementImports.id, status: statementImports.status, bankAccountId: statementImports.bankAccountId, fileName: statementImports.fileName,
          format: statementImports.format, otherCurrencySkipped: statementImports.otherCurrencySkipped,
          closingBalance: sql<string | null>`${statementImports.closingBalance}::text`, closingBalanceDate: statementImports.closingBalanceDate,
        })
        .from(statementImports)
        .where(and(eq(statementImports.id, importId), eq(statementImports.companyId, actor.companyId)))
        .for("update");
      if (!row) throw new Refusal(storedMessage("statementFile.noSuchImport"));
      if (row.status === "committed") throw new Refusal(storedMessage("statementFile.alreadyImported"));
      if (row.status !== "previewed") throw new Refusal(storedMessage("statementFile.cannotCommit"));
      const account = await loadImportAccount(tx, actor.companyId, row.bankAccountId);
      if (!account) throw new Refusal(storedMessage("statementFile.noSuchAccount"));

      const preview = await computePreview(tx, importId, account);
      // A line without a file id gets one from its fingerprint and its rank among equal
      // lines, so the unique index refuses it if the same file is committed twice at once.
      const staged = await tx.execute<IngestLine & { verdict: string }>(sql`
        select coalesce(l.file_transaction_id, 'file:' || md5(l.booking_date::text || '|' || l.amount::text || '|' || l.currency
            || '|' || row_number() over (partition by l.booking_date, l.amount, l.currency order by l.line_no))) as "onlineTransactionId",
          l.booking_date::text as "bookingDate", l.value_date::text as "valueDate", l.amount::text as amount, l.currency,
          l.description, l.partner_name as "partnerName", l.partner_account as "partnerAccount", l.reference, l.verdict
        from statement_import_lines l
        where l.import_id = ${importId}::uuid
        order by l.line_no
      `);
      const toInsert: IngestLine[] = staged
        .filter((line) => line.verdict === "new" || line.verdict === "possible_duplicate")
        .map((line) => ({ ...line, verdict: undefined }));
      const result = await ingestTransactions(tx, { bankAccountId: account.id, source: "file", syncRunId: null, statementImportId: importId, lines: toInsert });
      await unflagDistinctLines(tx, account.id, importId);
      const balance = row.closingBalance !== null && row.closingBalanceDate !== null ? { amount: row.closingBalance, date: row.closingBalanceDate } : null;
      if (balance && (await storeClosingBalance(tx, account, balance))) closing = { account, balance };

      await tx
        .update(statementImports)
        .set({ status: "committed", insertedCount: result.inserted, committedAt: new Date() })
        .where(eq(statementImports.id, importId));
      await tx.delete(statementImportLines).where(eq(statementImportLines.importId, importId));
      const skipped = [
        preview.present > 0 ? storedMessage("statementFile.skippedPresent", { present: preview.present }) : null,
        preview.locked > 0 && preview.lockDate ? storedMessage("statementFile.skippedLocked", { locked: preview.locked, lockDate: preview.lockDate }) : null,
        row.otherCurrencySkipped > 0 ? storedMessage("statementFile.skippedOtherCurrency", { otherCurrency: row.otherCurrencySkipped }) : null,
      ].filter((part) => part !== null);
      await logConnectionEvent(tx, {
        companyId: actor.companyId,
        connectionId: account.connectionId,
        bankAccountId: account.id,
        level: "user_action",
        actorUserId: actor.userId,
        message: storedMessage("statementFile.imported", {
          inserted: result.inserted,
          fileName: row.fileName,
          skipped: skipped.length > 0 ? listOf([skipped[0]!, ...skipped.slice(1)]) : "none",
        }),
        details: { importId, format: row.format, inserted: result.inserted, present: preview.present, locked: preview.locked, possibleDuplicates: result.possibleDuplicates },
      });
      return { ok: true as const, inserted: result.inserted, present: preview.present, locked: preview.locked, otherCurrencySkipped: row.otherCurrencySkipped };
    });
    const applied = closing as { account: ImportAccount; balance: ClosingBalance } | null;
    if (applied) await checkClosingBalance(db, applied.account, applied.balance);
    return result;
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.reason };
    // Nothing was written (the transaction rolled back); the import says why and is closed.
    const message = isStatementTimeout(error) ? timeoutMessage("import", options.statementTimeoutMs) : storedMessage("statementFile.commitFailed");
    if (!isStatementTimeout(error)) console.error(`[import] commit of ${importId} failed`, error);
    await db.delete(statementImportLines).where(eq(statementImportLines.importId, importId));
    await db.update(statementImports).set({ status: "failed", ...errorColumns(message) })
      .where(and(eq(statementImports.id, importId), eq(statementImports.companyId, actor.companyId), eq(statementImports.status, "previewed")));
    return { ok: false, error: message };
  }
}

/**
 * The ingest flags lines of one file that share date, amount and currency; the preview
 * found that their bank references tell them apart (a batch's payments), so a line it
 * judged new is not left flagged against its neighbours in the file.
 */
async function unflagDistinctLines(tx: Tx, bankAccountId: string, importId: string) {
  // Two statements, each joined on equality only: an OR between them would force a nested loop.
  await withImportPlanner(tx, () => tx.execute(sql`
    update transactions t set possible_duplicate = false
    from statement_import_lines l
    where l.import_id = ${importId}::uuid and l.verdict = 'new' and l.file_transaction_id is not null
      and t.bank_account_id = ${bankAccountId}::uuid and t.online_transaction_id = l.file_transaction_id and t.possible_duplicate
  `));
  await withImportPlanner(tx, () => tx.execute(sql`
    update transactions t set possible_duplicate = false
    from statement_import_lines l
    where l.import_id = ${importId}::uuid and l.verdict = 'new' and l.file_transaction_id is null and l.reference is not null
      and t.bank_account_id = ${bankAccountId}::uuid and t.statement_import_id = ${importId}::uuid and t.possible_duplicate
      and t.booking_date = l.booking_date and t.amount = l.amount and t.currency = l.currency and t.reference = l.reference
      and t.online_transaction_id like 'file:%'
  `));
}

/** Cancel: the staged lines go, the import is kept as discarded. */
export async function discardImport(db: Db, actor: Actor, importId: string): Promise<{ ok: true } | { ok: false; error: StoredMessage }> {
  if (!isUuid(importId)) return { ok: false, error: storedMessage("statementFile.noSuchImport") };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(statementImports)
      .set({ status: "discarded" })
      .where(and(eq(statementImports.id, importId), eq(statementImports.companyId, actor.companyId), sql`${statementImports.status} in ('parsing', 'previewed', 'failed')`))
      .returning({ id: statementImports.id });
    if (!row) return { ok: false as const, error: storedMessage("statementFile.cannotCancel") };
    await tx.delete(statementImportLines).where(eq(statementImportLines.importId, importId));
    return { ok: true as const };
  });
}
