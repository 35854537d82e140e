/** What the upload page polls while a file is parsed: status, lines read so far, and why it failed. */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statementImports } from "@/db/schema";
import { isUuid } from "@/lib/uuid";

export async function importProgress(db: Db, companyId: string, importId: string) {
  if (!isUuid(importId)) return null;
  const [row] = await db
    .select({ status: statementImports.status, processedLines: statementImports.processedLines, totalLines: statementImports.totalLines, error: statementImports.error,
      errorKey: statementImports.errorKey, errorParams: statementImports.errorParams })
    .from(statementImports)
    .where(and(eq(statementImports.id, importId), eq(statementImports.companyId, companyId)));
  return row ?? null;
}
