/**
 * Stage a statement file: parse it as it is uploaded into statement_import_lines, a batch
 * at a time (processed_lines shows the progress), then compute the preview. Nothing
 * touches the account's transactions until the import is committed; a bad file leaves a
 * failed import with its error and no staged line.
 */
import { and, eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import type { Db } from "@/db/client";
import { bankAccounts, statementImportLines, statementImports } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { closeAbandonedImports } from "./abandoned";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { isUuid } from "@/lib/uuid";
import { loadImportAccount } from "./account";
import { parseCamt053 } from "./camt053";
import { inAccountCurrency, type CurrencyFilter } from "./account-currency";
import { parseCsv } from "./csv";
import { csvShapeProblem } from "./csv-shape";
import { csvMappingProblem, csvMappingSchema, type CsvMapping } from "./csv-mapping";
import { errorColumns } from "./error-columns";
import { parseOfx } from "./ofx";
import { pickStatement } from "./pick-statement";
import { analyzeStagedLines, isStatementTimeout, limitStatementTime, timeoutMessage } from "./planner";
import { computePreview, type ImportPreview } from "./preview";
import { openStatementSource, MAX_FILE_BYTES } from "./source";
import { StatementFileError, type ParsedLine } from "./types";

const STAGE_BATCH = 2_000;

export type StageInput = {
  bankAccountId: string;
  /** Chosen by the browser so it can poll the progress while the upload runs. */
  importId: string;
  fileName: string;
  /** Required for CSV files; ignored for OFX and CAMT. */
  csvMapping: unknown;
  body: AsyncIterable<Uint8Array>;
  maxBytes?: number;
  now?: Date;
  /** The preview's statement time limit (tests make it tiny to see a runaway handled). */
  statementTimeoutMs?: number;
};

export type StageResult = { ok: true; importId: string; preview: ImportPreview } | { ok: false; error: StoredMessage };

export async function stageStatementFile(db: Db, membership: Pick<Membership, "companyId" | "userId">, input: StageInput): Promise<StageResult> {
  const account = await loadImportAccount(db, membership.companyId, input.bankAccountId);
  if (!account) return { ok: false, error: storedMessage("statementFile.noSuchAccount") };
  if (!isUuid(input.importId)) return { ok: false, error: storedMessage("statementFile.noImportId") };
  const fileName = input.fileName.trim().slice(0, 255) || "statement";
  await closeAbandonedImports(db, account.id, input.now ?? new Date());

  let source;
  let mapping: CsvMapping | null = null;
  try {
    source = await openStatementSource(input.body, input.maxBytes ?? MAX_FILE_BYTES);
    if (source.format === "csv") {
      const parsed = csvMappingSchema.safeParse(input.csvMapping);
      if (!parsed.success) return { ok: false, error: storedMessage("statementFile.mapping.first", { problem: csvMappingProblem(parsed.error) }) };
      mapping = parsed.data;
      const head = source.headText;
      const problem = csvShapeProblem(Papa.parse<string[]>(head.slice(0, head.lastIndexOf("\n") + 1) || head, { delimiter: mapping.delimiter, skipEmptyLines: "greedy" }).data);
      if (problem) return { ok: false, error: problem };
    }
  } catch (error) {
    return { ok: false, error: reasonFor(error, "upload") };
  }

  const [created] = await db
    .insert(statementImports)
    .values({ id: input.importId, companyId: account.companyId, bankAccountId: account.id, fileName, format: source.format, createdBy: membership.userId })
    .onConflictDoNothing()
    .returning({ id: statementImports.id });
  if (!created) return { ok: false, error: storedMessage("statementFile.alreadyReceived") };

  try {
    const currencies: CurrencyFilter = { accountCurrency: account.currency, skipOthers: mapping?.skipOtherCurrencies ?? false, skipped: 0 };
    if (mapping) {
      await stageLines(db, input.importId, inAccountCurrency(parseCsv(source.textChunks(), mapping, account.currency), currencies), null);
      await db.update(bankAccounts).set({ csvMapping: mapping }).where(eq(bankAccounts.id, account.id));
    } else {
      const text = await source.text();
      const statement = pickStatement(source.format === "ofx" ? parseOfx(text) : parseCamt053(text), account);
      await stageLines(db, input.importId, inAccountCurrency(statement.lines, currencies), statement.lines.length);
      if (statement.closingBalance) {
        await db.update(statementImports)
          .set({ closingBalance: statement.closingBalance.amount, closingBalanceDate: statement.closingBalance.date })
          .where(eq(statementImports.id, input.importId));
      }
    }
    if (currencies.skipped > 0) await db.update(statementImports).set({ otherCurrencySkipped: currencies.skipped }).where(eq(statementImports.id, input.importId));
    await analyzeStagedLines(db);
    const preview = await db.transaction(async (tx) => {
      await limitStatementTime(tx, input.statementTimeoutMs);
      return computePreview(tx, input.importId, account);
    });
    return { ok: true, importId: input.importId, preview };
  } catch (error) {
    // Whatever went wrong (a bad file, an upload cut off, a runaway query), the staged
    // lines go and the import says why: it never stays "parsing".
    const message = reasonFor(error, "preview", input.statementTimeoutMs);
    await db.delete(statementImportLines).where(eq(statementImportLines.importId, input.importId));
    await db
      .update(statementImports)
      .set({ status: "failed", ...errorColumns(message) })
      .where(and(eq(statementImports.id, input.importId), eq(statementImports.companyId, account.companyId)));
    return { ok: false, error: message };
  }
}

/** The reason a user reads; anything unexpected is logged for the operator too. */
function reasonFor(error: unknown, step: "upload" | "preview", timeoutMs?: number): StoredMessage {
  if (error instanceof StatementFileError) return error.reason;
  if (isStatementTimeout(error)) return timeoutMessage("preview", timeoutMs);
  console.error(`[import] ${step} failed`, error);
  return storedMessage("statementFile.interrupted");
}

async function stageLines(db: Db, importId: string, lines: AsyncIterable<ParsedLine>, total: number | null) {
  if (total !== null) await db.update(statementImports).set({ totalLines: total }).where(eq(statementImports.id, importId));
  let batch: ParsedLine[] = [];
  let staged = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await insertBatch(db, importId, staged, batch);
    staged += batch.length;
    batch = [];
    await db.update(statementImports).set({ processedLines: staged }).where(eq(statementImports.id, importId));
  };
  for await (const line of lines) {
    batch.push(line);
    if (batch.length >= STAGE_BATCH) await flush();
  }
  await flush();
  if (staged === 0) throw new StatementFileError(storedMessage("statementFile.noBooked"));
  if (total === null) await db.update(statementImports).set({ totalLines: staged }).where(eq(statementImports.id, importId));
}

async function insertBatch(db: Db, importId: string, offset: number, lines: ParsedLine[]) {
  const rows = lines.map((line, i) => ({
    line_no: offset + i + 1,
    file_transaction_id: line.fileTransactionId,
    booking_date: line.bookingDate,
    value_date: line.valueDate,
    amount: line.amount,
    currency: line.currency,
    description: line.description,
    partner_name: line.partnerName,
    partner_account: line.partnerAccount,
    reference: line.reference,
  }));
  // One JSON parameter per batch, expanded by the server (as the sync's ingest does).
  await db.execute(sql`
    insert into statement_import_lines (import_id, line_no, file_transaction_id, booking_date, value_date, amount,
      currency, description, partner_name, partner_account, reference)
    select ${importId}::uuid, r.line_no, r.file_transaction_id, r.booking_date, r.value_date, r.amount,
      r.currency, coalesce(r.description, ''), r.partner_name, r.partner_account, r.reference
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(line_no int, file_transaction_id text, booking_date date,
      value_date date, amount numeric, currency text, description text, partner_name text, partner_account text, reference text)
  `);
}

