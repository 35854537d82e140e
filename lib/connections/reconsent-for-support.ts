/**
 * Update Credentials and Reconnect from the Online Synchronization pages: the same provider
 * flow as the dashboard (startUpdateCredentials), but a failure to start it is logged with
 * an error reference and answered with what the admin sends to support.
 */
import { and, eq } from "drizzle-orm";
import { bankConnections } from "@/db/schema";
import { newErrorReference } from "@/lib/errors/reference";
import { englishText, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import type { ConnectDeps } from "./connect";
import { logConnectionEvent } from "./log";
import { startUpdateCredentials } from "./update-credentials";

export type ReconsentResult =
  | { ok: true; redirectUrl: string }
  | { ok: false; error: StoredMessage; errorReference?: string; clientId?: string };

export async function startReconsentWithSupport(
  deps: ConnectDeps,
  actor: { companyId: string; userId: string },
  input: { connectionId: string; callbackUrl: string; reason: "update_credentials" | "reconnect" },
): Promise<ReconsentResult> {
  const [connection] = await deps.db
    .select({ id: bankConnections.id, clientId: bankConnections.clientId })
    .from(bankConnections)
    .where(and(eq(bankConnections.id, input.connectionId), eq(bankConnections.companyId, actor.companyId)));
  if (!connection) return { ok: false, error: storedMessage("connectionMissing") };
  const result = await startUpdateCredentials(deps, actor, input);
  if (result.ok) return { ok: true, redirectUrl: result.redirectUrl };

  const errorReference = newErrorReference();
  const message = storedMessage("connections.reconsentFailed", { what: storedMessage(`connections.reconsentDoing.${input.reason}`), error: result.error });
  await logConnectionEvent(deps.db, { companyId: actor.companyId, connectionId: connection.id, actorUserId: actor.userId, level: "error", errorReference, message });
  // The reference ties this line of the server log to what the admin quotes to support.
  console.error(`[connections] ${errorReference} ${englishText(message)} (client id ${connection.clientId})`);
  return { ok: false, error: message, errorReference, clientId: connection.clientId };
}
