/**
 * "Connect again" on a connection attempt (consent refused or abandoned): a new consent at
 * the same institution, on the same row, so its log keeps the whole story. Any member who
 * may connect a bank may do it, from the Connect bank page as from Online Synchronization.
 */
import { and, eq, sql } from "drizzle-orm";
import { bankConnections, institutions } from "@/db/schema";
import { stillListed } from "@/lib/institutions/listed";
import { storedMessage } from "@/lib/i18n/stored-message";
import { providerLabel } from "@/lib/providers/catalog";
import { isConnectionAttempt } from "./attempts";
import { offersNewConnections, refusal, type ConnectDeps, type StartResult } from "./connect";
import { startUpdateCredentials } from "./update-credentials";

export async function startConnectAgain(
  deps: ConnectDeps,
  actor: { companyId: string; userId: string },
  input: { connectionId: string; callbackUrl: string },
): Promise<StartResult> {
  const [attempt] = await deps.db
    .select({ id: bankConnections.id, isAttempt: isConnectionAttempt(deps.now?.() ?? new Date()), provider: bankConnections.provider, institution: institutions.name, listed: sql<boolean>`${stillListed}` })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(and(eq(bankConnections.id, input.connectionId), eq(bankConnections.companyId, actor.companyId)));
  if (!attempt) return { ok: false, error: storedMessage("connectionMissing") };
  // A completed connection is repaired with Update Credentials or Reconnect, by an administrator.
  if (!attempt.isAttempt) return { ok: false, error: refusal("attemptCompleted", { institution: attempt.institution }) };
  if (!offersNewConnections(deps, attempt.provider)) {
    return { ok: false, error: refusal("providerNotConfigured", { institution: attempt.institution, provider: providerLabel(attempt.provider) }) };
  }
  if (!attempt.listed) return { ok: false, error: refusal("institutionDropped", { institution: attempt.institution, provider: providerLabel(attempt.provider) }) };
  return startUpdateCredentials(deps, actor, { connectionId: attempt.id, callbackUrl: input.callbackUrl, reason: "reconnect" });
}
