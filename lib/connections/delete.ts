/**
 * Deleting a connection: revoke the consent at the provider first, then delete our record.
 * The bank accounts and every transaction stay, as manual (not synchronized) accounts: no
 * line is ever lost by deleting a connection. When the provider revokes the consent but
 * keeps its own record, the admin is told how to remove it there and may then delete here.
 */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { bankAccounts, bankConnections, institutions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { newErrorReference } from "@/lib/errors/reference";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { getProvider } from "@/lib/providers";
import { providerErrorMessage } from "@/lib/providers/error-text";
import { isProviderError } from "@/lib/providers/errors";
import type { Provider } from "@/lib/providers/types";
import { logConnectionEvent } from "./log";

export type DeleteDeps = { db: Db; provider?: (name: string) => Provider };
type Actor = { companyId: string; userId: string };

export type DeleteOutcome =
  | { status: "deleted"; accountsKept: number }
  | { status: "record_remains"; message: StoredMessage }
  | { status: "failed"; message: StoredMessage; errorReference: string; clientId: string };

async function loadConnection(db: Db, actor: Actor, connectionId: string) {
  const [row] = await db
    .select({ id: bankConnections.id, provider: bankConnections.provider, ref: bankConnections.providerRefEncrypted, clientId: bankConnections.clientId, consentRevokedAt: bankConnections.consentRevokedAt, institutionName: institutions.name })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(bankConnections.id, connectionId), eq(bankConnections.companyId, actor.companyId)));
  return row ?? null;
}

/** Detaches the accounts (kept, with their lines, as manual accounts) and deletes the connection. */
async function deleteLocally(tx: Tx, actor: Actor, connection: { id: string; institutionName: string; clientId: string }): Promise<number> {
  const kept = await tx
    .update(bankAccounts)
    .set({ connectionId: null, syncEnabled: false })
    .where(and(eq(bankAccounts.connectionId, connection.id), eq(bankAccounts.companyId, actor.companyId)))
    .returning({ id: bankAccounts.id });
  await logConnectionEvent(tx, {
    companyId: actor.companyId, connectionId: connection.id, actorUserId: actor.userId, level: "user_action",
    message: storedMessage("connections.deleted", { institution: connection.institutionName, clientId: connection.clientId, kept: kept.length }),
  });
  await tx.delete(bankConnections).where(eq(bankConnections.id, connection.id));
  return kept.length;
}

export async function deleteConnection(deps: DeleteDeps, actor: Actor, connectionId: string): Promise<DeleteOutcome | { status: "not_found" }> {
  const { db } = deps;
  const connection = await loadConnection(db, actor, connectionId);
  if (!connection) return { status: "not_found" };
  if (connection.ref && !connection.consentRevokedAt) {
    let result;
    try {
      result = await (deps.provider ?? getProvider)(connection.provider).revoke(decryptSecret(connection.ref));
    } catch (error) {
      const errorReference = newErrorReference();
      const message = storedMessage("connections.revokeFailedNotDeleted", { reason: isProviderError(error) ? providerErrorMessage(error) : storedMessage("connections.unexpectedErrorShort") });
      console.error(`[connections] ${errorReference} revoke failed`, error);
      await logConnectionEvent(db, { companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: "error", message, errorReference });
      return { status: "failed", message, errorReference, clientId: connection.clientId };
    }
    const now = new Date();
    await db.update(bankConnections).set({ consentRevokedAt: now, state: "disconnected", autoSync: false, updatedAt: now }).where(eq(bankConnections.id, connectionId));
    if (!result.deletedAtProvider) {
      const message = storedMessage("connections.recordRemains", { detail: result.message ?? storedMessage("connections.recordKeptByBank", { institution: connection.institutionName }) });
      await logConnectionEvent(db, { companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: "warning", message });
      return { status: "record_remains", message };
    }
    await logConnectionEvent(db, { companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: "user_action", message: storedMessage("connections.revokedAtProvider") });
  }
  const accountsKept = await db.transaction((tx) => deleteLocally(tx, actor, connection));
  return { status: "deleted", accountsKept };
}
