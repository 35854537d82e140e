/** Why an import failed or was closed, as statement_imports stores it: the English text beside its catalogue key. */
import type { statementImports } from "@/db/schema";
import { storedColumns, type StoredMessage } from "@/lib/i18n/stored-message";

type ErrorColumns = Pick<typeof statementImports.$inferInsert, "error" | "errorKey" | "errorParams">;

export function errorColumns(reason: StoredMessage): ErrorColumns {
  const stored = storedColumns(reason);
  return { error: stored.text, errorKey: stored.key, errorParams: stored.params };
}
