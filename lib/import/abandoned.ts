/**
 * Imports left behind (the tab closed during the upload or on the preview) keep their
 * staged lines until the next import into the same account closes them: after a day
 * they are marked discarded and their lines dropped.
 */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statementImportLines, statementImports } from "@/db/schema";
import { storedMessage } from "@/lib/i18n/stored-message";
import { errorColumns } from "./error-columns";

export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

export async function closeAbandonedImports(db: Db, bankAccountId: string, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const closed = await tx
      .update(statementImports)
      .set({ status: "discarded", ...errorColumns(storedMessage("statementFile.abandoned")) })
      .where(and(
        eq(statementImports.bankAccountId, bankAccountId),
        sql`${statementImports.status} in ('parsing', 'previewed')`,
        lt(statementImports.createdAt, new Date(now.getTime() - ABANDONED_AFTER_MS)),
      ))
      .returning({ id: statementImports.id });
    if (closed.length > 0) await tx.delete(statementImportLines).where(inArray(statementImportLines.importId, closed.map((c) => c.id)));
    return closed.length;
  });
}
