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
import { getProvider } from "@/lib/providers";
import { isProviderError } from "@/lib/providers/errors";
import type { Provider } from "@/lib/providers/types";
import { logConnectionEvent } from "./log";

export type DeleteDeps = { db: Db; provider?: (name: string) => Provider };
type Actor = { companyId: string; userId: string };

export type DeleteOutcome =
  | { status: "deleted"; accountsKept: number }
  | { status: "record_remains"; message: string }
  | { status: "failed"; message: string; errorReference: string; clientId: string };

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
    message: `Connection to ${connection.institutionName} (${connection.clientId}) deleted. ${kept.length} bank account(s) and all their transactions are kept as manual accounts.`,
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
      const message = `The provider could not revoke the consent, so the connection was not deleted: ${isProviderError(error) ? error.message : "unexpected error"}`;
      console.error(`[connections] ${errorReference} revoke failed`, error);
      await logConnectionEvent(db, { companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: "error", message, errorReference });
      return { status: "failed", message, errorReference, clientId: connection.clientId };
    }
    const now = new Date();
    await db.update(bankConnections).set({ consentRevokedAt: now, state: "disconnected", autoSync: false, updatedAt: now }).where(eq(bankConnections.id, connectionId));
    if (!result.deletedAtProvider) {
      const message = `The consent was revoked. ${result.message ?? `${connection.institutionName} keeps a record of this connection; remove it in its online banking.`} You can now delete the connection here; its accounts and transactions are kept.`;
      await logConnectionEvent(db, { companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: "warning", message });
      return { status: "record_remains", message };
    }
    await logConnectionEvent(db, { companyId: actor.companyId, connectionId, actorUserId: actor.userId, level: "user_action", message: "Consent revoked at the provider, which deleted its record." });
  }
  const accountsKept = await db.transaction((tx) => deleteLocally(tx, actor, connection));
  return { status: "deleted", accountsKept };
}
