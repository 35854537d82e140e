/**
 * The account a change to transactions is about, read once per change with the company's
 * lock date: every service that changes or deletes lines starts here, so a line of another
 * company's account is never touched and nothing on or before the lock date is changed.
 */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { bankAccounts, companies } from "@/db/schema";
import { isUuid } from "@/lib/uuid";

export type EditableAccount = { id: string; name: string; connectionId: string | null; companyId: string; lockDate: string | null };


export async function loadEditableAccount(db: Db | Tx, companyId: string, bankAccountId: string): Promise<EditableAccount | null> {
  if (!isUuid(bankAccountId)) return null;
  const [row] = await db
    .select({ id: bankAccounts.id, name: bankAccounts.name, connectionId: bankAccounts.connectionId, companyId: bankAccounts.companyId, lockDate: companies.lockDate })
    .from(bankAccounts)
    .innerJoin(companies, eq(companies.id, bankAccounts.companyId))
    .where(and(eq(bankAccounts.id, bankAccountId), eq(bankAccounts.companyId, companyId)));
  return row ?? null;
}
