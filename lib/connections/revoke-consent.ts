/**
 * Best-effort revoking of a consent (Plaid Item, GoCardless requisition, Enable Banking
 * session, Salt Edge connection, ...) that no connection of ours uses any more: the new
 * consent of a connection refused after all (a duplicate login), the old consent that a
 * reconnect replaced, or the consent request the user refused or left unfinished. Such a consent would otherwise stay authorized at the provider until
 * it expires. A failure is logged (connection log and console) and never thrown: the
 * outcome the user is waiting for does not depend on it.
 */
import type { Db } from "@/db/client";
import { newErrorReference } from "@/lib/errors/reference";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { ProviderError } from "@/lib/providers/errors";
import { providerErrorMessage } from "@/lib/providers/error-text";
import type { Provider } from "@/lib/providers/types";
import { logConnectionEvent } from "./log";

type Context = { actor: { companyId: string; userId: string | null }; connectionId: string; bank: string | StoredMessage };

/**
 * Which consent (the catalogue's connections.revoked says it): `unused`, the consent just
 * given, for a connection that was not completed; `replaced`, the connection's previous
 * consent, replaced by the one just given (Reconnect, Update Credentials, Renew consent);
 * `unfinished`, the consent request made at the provider before the user answered (a
 * GoCardless requisition and its agreement).
 */
type ConsentKind = "unused" | "replaced" | "unfinished";

export async function revokeConsentBestEffort(
  db: Db,
  provider: Provider,
  connectionRef: string,
  kind: ConsentKind,
  { actor, connectionId, bank }: Context,
): Promise<void> {
  try {
    const result = await provider.revoke(connectionRef);
    await logConnectionEvent(db, {
      // Something remains for the user to do at the provider (SimpleFIN, a bank that keeps a record).
      companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: result.deletedAtProvider ? "info" : "warning",
      message: result.message
        ? storedMessage("connections.withNote", { sentence: storedMessage("connections.revoked", { kind, bank }), note: result.message })
        : storedMessage("connections.revoked", { kind, bank }),
    });
  } catch (error) {
    const reference = newErrorReference();
    console.error(`[connections] ${reference} could not revoke a ${kind} consent at ${provider.name}`, error);
    await logConnectionEvent(db, {
      companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: "warning", errorReference: reference,
      message: storedMessage("connections.revokeFailed", { kind, bank, reason: error instanceof ProviderError ? providerErrorMessage(error) : storedMessage("connections.unexpectedErrorShort") }),
    }).catch((logError: unknown) => console.error(`[connections] ${reference} could not log it`, logError));
  }
}
