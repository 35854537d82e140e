/** The bank account a file is imported into, read within the member's company with its lock date. */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { bankAccounts, companies } from "@/db/schema";
import { isUuid } from "@/lib/uuid";

export type ImportAccount = {
  id: string;
  companyId: string;
  connectionId: string | null;
  name: string;
  accountNumber: string;
  currency: string;
  csvMapping: unknown;
  lockDate: string | null;
};


export async function loadImportAccount(db: Db | Tx, companyId: string, bankAccountId: string): Promise<ImportAccount | null> {
  if (!isUuid(bankAccountId)) return null;
  const [row] = await db
    .select({
      id: bankAccounts.id,
      companyId: bankAccounts.companyId,
      connectionId: bankAccounts.connectionId,
      name: bankAccounts.name,
      accountNumber: bankAccounts.accountNumber,
      currency: bankAccounts.currency,
      csvMapping: bankAccounts.csvMapping,
      lockDate: companies.lockDate,
    })
    .from(bankAccounts)
    .innerJoin(companies, eq(companies.id, bankAccounts.companyId))
    .where(and(eq(bankAccounts.id, bankAccountId), eq(bankAccounts.companyId, companyId)));
  return row ?? null;
}
