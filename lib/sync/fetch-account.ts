/** "Fetch Transactions" on a bank account: synchronizes its connection now, for the user watching. */
import { and, eq } from "drizzle-orm";
import { bankAccounts } from "@/db/schema";
import { syncConnection, type SyncDeps, type SyncOutcome } from "./run-sync";

export async function fetchTransactionsForAccount(
  deps: SyncDeps,
  actor: { companyId: string; userId: string },
  input: { bankAccountId: string; mfaCode?: string },
): Promise<SyncOutcome> {
  const [account] = await deps.db
    .select({ connectionId: bankAccounts.connectionId, syncEnabled: bankAccounts.syncEnabled })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, input.bankAccountId), eq(bankAccounts.companyId, actor.companyId)));
  if (!account) return notSynced("This bank account does not exist.");
  if (!account.connectionId || !account.syncEnabled) {
    return notSynced("This account is not synchronized with a bank. Connect the bank, or import a statement file.");
  }
  return syncConnection(deps, {
    companyId: actor.companyId, connectionId: account.connectionId, trigger: "manual", actorUserId: actor.userId, mfaCode: input.mfaCode,
  });
}

function notSynced(message: string): SyncOutcome {
  return { runId: null, status: "failed", fetched: 0, inserted: 0, skipped: 0, possibleDuplicates: 0, message, errorCode: "refused" };
}
