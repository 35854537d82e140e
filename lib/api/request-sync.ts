/**
 * "Request a sync" from the API: the one place the REST API starts a synchronization.
 * It runs the service behind the "Fetch Transactions" button, for the key's company and
 * under the name of the admin who created the key.
 */
import "server-only";
import type { Db } from "@/db/client";
import { getBankAccount } from "@/lib/bank-accounts/queries";
import { fetchTransactionsForAccount } from "@/lib/sync/fetch-account";
import type { ApiCaller } from "./authenticate";

/** The run's outcome, or null when the company has no such account. */
export async function requestAccountSync(db: Db, caller: ApiCaller, bankAccountId: string) {
  if (!(await getBankAccount(db, caller.companyId, bankAccountId))) return null;
  const outcome = await fetchTransactionsForAccount({ db }, { companyId: caller.companyId, userId: caller.userId }, { bankAccountId });
  return {
    runId: outcome.runId,
    status: outcome.status,
    inserted: outcome.inserted,
    message: outcome.message,
    retryAfter: outcome.retryAfter?.toISOString() ?? null,
  };
}
