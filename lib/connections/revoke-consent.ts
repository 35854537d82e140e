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
import { ProviderError } from "@/lib/providers/errors";
import type { Provider } from "@/lib/providers/types";
import { logConnectionEvent } from "./log";

type Context = { actor: { companyId: string; userId: string | null }; connectionId: string; bank: string };

const WORDING = {
  /** The consent just given, for a connection that was not completed. */
  unused: { what: "The consent just given", why: ", since the connection was not completed" },
  /** The connection's previous consent, replaced by the one just given (Reconnect, Update Credentials, Renew consent). */
  replaced: { what: "The previous consent", why: ", since the consent just given replaces it" },
  /** The consent request made at the provider before the user answered (a GoCardless requisition and its agreement). */
  unfinished: { what: "The consent request", why: ", since the consent was not given" },
} as const;

export async function revokeConsentBestEffort(
  db: Db,
  provider: Provider,
  connectionRef: string,
  kind: keyof typeof WORDING,
  { actor, connectionId, bank }: Context,
): Promise<void> {
  const { what, why } = WORDING[kind];
  try {
    const result = await provider.revoke(connectionRef);
    await logConnectionEvent(db, {
      // Something remains for the user to do at the provider (SimpleFIN, a bank that keeps a record).
      companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: result.deletedAtProvider ? "info" : "warning",
      message: `${what} at ${bank} was revoked${why}.${result.message ? ` ${result.message}` : ""}`,
    });
  } catch (error) {
    const reference = newErrorReference();
    console.error(`[connections] ${reference} could not revoke a ${kind} consent at ${provider.name}`, error);
    await logConnectionEvent(db, {
      companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: "warning", errorReference: reference,
      message: `${what} at ${bank} could not be revoked (${error instanceof ProviderError ? error.message : "unexpected error"}). It ends when it expires, or remove it in the bank's online banking.`,
    }).catch((logError: unknown) => console.error(`[connections] ${reference} could not log it`, logError));
  }
}
