/**
 * Guard rails for the import's big statements. A plan built from stale statistics (staged
 * lines not yet analysed, a transactions table that grew) once ran a preview for twelve
 * minutes: the staged lines are analysed, the preview may not use nested loops (whose
 * misestimated inner side is what goes quadratic), and every statement of an import's
 * transaction has a time limit, so a runaway becomes a failed import with a reason.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";

/** Long enough for 100,000 lines on a busy server by a wide margin; short enough to matter. */
export const IMPORT_STATEMENT_TIMEOUT_MS = 120_000;

export async function limitStatementTime(tx: Tx, ms: number = IMPORT_STATEMENT_TIMEOUT_MS): Promise<void> {
  await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(ms))}`));
}

/** Fresh statistics for what was just staged, so the planner sees its real size. */
export async function analyzeStagedLines(db: Db): Promise<void> {
  await db.execute(sql`analyze statement_import_lines`);
}

/** Runs one statement with nested loops ruled out, then restores the planner's default. */
export async function withImportPlanner<T>(tx: Tx, run: () => Promise<T>): Promise<T> {
  await tx.execute(sql`set local enable_nestloop = off`);
  const result = await run();
  await tx.execute(sql`set local enable_nestloop to default`);
  return result;
}

/** Whether PostgreSQL cancelled a statement for running past statement_timeout. */
export function isStatementTimeout(error: unknown): boolean {
  for (let current = error; current instanceof Error || (typeof current === "object" && current !== null); current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "57014") return true;
    if (!(current as { cause?: unknown }).cause) break;
  }
  return false;
}

export function timeoutMessage(step: "preview" | "import", ms: number = IMPORT_STATEMENT_TIMEOUT_MS): StoredMessage {
  return storedMessage(step === "preview" ? "statementFile.timeoutPreview" : "statementFile.timeoutImport", { seconds: Math.round(ms / 1000) });
}
