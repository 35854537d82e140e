/**
 * The second half of connecting a bank, as the callback and account-selection pages drive
 * it, for the app-level provider tests: the provider's redirect back is completed, then
 * every account the user authorized is ticked (no mapping) and the first sync runs.
 */
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { completeConnect, confirmAccountSelection, parseAuthorized, type ConnectDeps } from "@/lib/connections/connect";
import { englishText } from "@/lib/i18n/stored-message";

type Actor = { companyId: string; userId: string };

/** Ticks every authorized account of a connection that waits for the selection; returns the first sync's outcome. */
export async function selectAllAccounts(deps: ConnectDeps, actor: Actor, connectionId: string) {
  const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
  const selections = parseAuthorized(connection!.authorizedAccounts).map((a) => ({ providerAccountId: a.providerAccountId, mapToBankAccountId: null }));
  const confirmed = await confirmAccountSelection(deps, actor, { connectionId, selections });
  if (!confirmed.ok) throw new Error(englishText(confirmed.error));
  return confirmed.outcome;
}

/** Completes the callback the provider sent the browser back with, then selects every account. */
export async function completeAndSelectAll(deps: ConnectDeps, actor: Actor, callbackParams: URLSearchParams) {
  const completed = await completeConnect(deps, actor, callbackParams);
  if (!completed.ok) throw new Error(englishText(completed.error));
  return { connectionId: completed.connectionId, outcome: await selectAllAccounts(deps, actor, completed.connectionId) };
}
