/**
 * "Fetch Transactions" on a bank account, and the security code that resumes it: both ask
 * lib/background/dispatch to synchronize the account's connection, for the user watching.
 * A fetch is refused before any call when the bank's call budget for today is spent.
 */
import { and, eq } from "drizzle-orm";
import { bankAccounts } from "@/db/schema";
import { dispatchSync, queueSync, syncForUser, type DispatchDeps, type Queued } from "@/lib/background/dispatch";
import { fetchRefusal } from "@/lib/call-budget/status";
import { logConnectionEvent } from "@/lib/connections/log";
import { englishText, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { refused, type SyncOutcome } from "./run";

type Actor = { companyId: string; userId: string };

/** The code went to the Inngest function whose run waits for it; the run goes on there. */
export type HandedOn = { runId: null; status: "running"; message: string; text: StoredMessage };

const codeSent = storedMessage("codeSent");

export async function fetchTransactionsForAccount(deps: DispatchDeps, actor: Actor, input: { bankAccountId: string }): Promise<SyncOutcome> {
  const account = await fetchableAccount(deps, actor, input.bankAccountId);
  if ("refused" in account) return account.refused;
  return syncForUser(deps, { companyId: actor.companyId, connectionId: account.connectionId, trigger: "manual", actorUserId: actor.userId });
}

/**
 * The same request from a caller that does not wait (the REST API): the same refusals, or
 * the run opened for it, which the background engine then runs.
 */
export async function queueFetchForAccount(deps: DispatchDeps, actor: Actor, input: { bankAccountId: string }): Promise<Queued | { refused: SyncOutcome }> {
  const account = await fetchableAccount(deps, actor, input.bankAccountId);
  if ("refused" in account) return account;
  return queueSync(deps, { companyId: actor.companyId, connectionId: account.connectionId, trigger: "manual", actorUserId: actor.userId });
}

/** The account's connection, unless the account is not synchronized or the bank's call budget for today is spent. */
async function fetchableAccount(deps: DispatchDeps, actor: Actor, bankAccountId: string): Promise<{ connectionId: string } | { refused: SyncOutcome }> {
  const account = await syncedAccount(deps, actor, bankAccountId);
  if ("refusal" in account) return { refused: refused(account.refusal) };
  const outOfBudget = await fetchRefusal(deps.db, {
    connectionId: account.connectionId, bankAccountId, now: (deps.now ?? (() => new Date()))(),
  });
  if (!outOfBudget) return account;
  await logConnectionEvent(deps.db, {
    companyId: actor.companyId, connectionId: account.connectionId, bankAccountId, actorUserId: actor.userId,
    level: "user_action", message: storedMessage("fetchNotSent", { reason: outOfBudget.message }),
  });
  return { refused: { ...refused(outOfBudget.message), status: "rate_limited", errorCode: "call_budget", retryAfter: outOfBudget.nextAllowedAt } };
}

/** The security code for the run of the account's connection that waits for it (that run took its calls already). */
export async function submitSecurityCode(deps: DispatchDeps, actor: Actor, input: { bankAccountId: string; code: string }): Promise<SyncOutcome | HandedOn> {
  const account = await syncedAccount(deps, actor, input.bankAccountId);
  if ("refusal" in account) return refused(account.refusal);
  const dispatched = await dispatchSync(deps, {
    companyId: actor.companyId, connectionId: account.connectionId, trigger: "manual", actorUserId: actor.userId, mfaCode: input.code,
  });
  return dispatched.outcome ?? { runId: null, status: "running", message: englishText(codeSent), text: codeSent };
}

async function syncedAccount(deps: DispatchDeps, actor: Actor, bankAccountId: string): Promise<{ connectionId: string } | { refusal: StoredMessage }> {
  const [account] = await deps.db
    .select({ connectionId: bankAccounts.connectionId, syncEnabled: bankAccounts.syncEnabled })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, bankAccountId), eq(bankAccounts.companyId, actor.companyId)));
  if (!account) return { refusal: storedMessage("bankAccountMissing") };
  if (!account.connectionId || !account.syncEnabled) {
    return { refusal: storedMessage("bankAccountNotSynced") };
  }
  return { connectionId: account.connectionId };
}
