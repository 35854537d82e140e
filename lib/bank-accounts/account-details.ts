/** What the Edit account page shows: the account's name, number and currency, and whether its currency is still free to change. */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { isUuid } from "@/lib/uuid";

export async function loadAccountDetails(db: Db, companyId: string, bankAccountId: string) {
  if (!isUuid(bankAccountId)) return null;
  const [account] = await db
    .select({
      id: bankAccounts.id, name: bankAccounts.name, accountNumber: bankAccounts.accountNumber, currency: bankAccounts.currency,
      // Qualified by hand: drizzle writes a lone "id" here, which the subquery would read as t.id.
      hasLines: sql<boolean>`exists (select 1 from transactions t where t.bank_account_id = bank_accounts.id)`,
    })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, bankAccountId), eq(bankAccounts.companyId, companyId)));
  return account ?? null;
}
