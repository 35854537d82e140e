/**
 * Consents that run out soon: the daily warning in the connection log (once per
 * connection per day) and the list behind the dashboard's "Renew consent" banner.
 */
import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankConnections, connectionEvents, institutions } from "@/db/schema";
import { toIsoDate } from "@/lib/dates";
import { storedMessage } from "@/lib/i18n/stored-message";
import { emitConsentExpiringWebhook } from "@/lib/outgoing-webhooks/sync-events";
import { logConnectionEvent } from "./log";
import { shownState } from "./status";

export const CONSENT_WARNING_DAYS = 7;
const DAY_MS = 86_400_000;
// Connections that still synchronize; one that needs the user already shows Reconnect.
const LIVE_STATES = ["active", "waiting_mfa"] as const;
const WARNING_KIND = "consent_expiring";

export type ExpiringConsent = {
  connectionId: string;
  companyId: string;
  institutionName: string;
  consentExpiresAt: Date;
  daysLeft: number;
};

async function selectExpiring(db: Db, now: Date, companyId?: string): Promise<ExpiringConsent[]> {
  const rows = await db
    .select({
      connectionId: bankConnections.id,
      companyId: bankConnections.companyId,
      institutionName: institutions.name,
      consentExpiresAt: bankConnections.consentExpiresAt,
    })
    .from(bankConnections)
    .innerJoin(institutions, eq(institutions.id, bankConnections.institutionId))
    .where(
      and(
        companyId ? eq(bankConnections.companyId, companyId) : undefined,
        inArray(shownState, [...LIVE_STATES]),
        gt(bankConnections.consentExpiresAt, now),
        lte(bankConnections.consentExpiresAt, new Date(now.getTime() + CONSENT_WARNING_DAYS * DAY_MS)),
      ),
    )
    .orderBy(asc(bankConnections.consentExpiresAt), asc(bankConnections.id));
  return rows.map((row) => ({
    ...row,
    consentExpiresAt: row.consentExpiresAt!,
    daysLeft: Math.ceil((row.consentExpiresAt!.getTime() - now.getTime()) / DAY_MS),
  }));
}

/** The company's connections whose consent expires within 7 days, soonest first. */
export function listExpiringConsents(db: Db, companyId: string, now: Date): Promise<ExpiringConsent[]> {
  return selectExpiring(db, now, companyId);
}

/**
 * Logs "Consent expires on …" for every live connection whose consent ends within 7 days,
 * at most once per connection per UTC day, and returns those connections with whether
 * this call wrote the warning.
 */
export async function warnExpiringConsents(db: Db, now: Date): Promise<(ExpiringConsent & { warned: boolean })[]> {
  const expiring = await selectExpiring(db, now);
  const day = toIsoDate(now);
  const result: (ExpiringConsent & { warned: boolean })[] = [];
  for (const consent of expiring) {
    const warned = await db.transaction(async (tx) => {
      // Serializes two warning passes on the same connection (a retried step, two crons).
      await tx.select({ id: bankConnections.id }).from(bankConnections).where(eq(bankConnections.id, consent.connectionId)).for("update");
      const [already] = await tx
        .select({ id: connectionEvents.id })
        .from(connectionEvents)
        .where(
          and(
            eq(connectionEvents.connectionId, consent.connectionId),
            // The day is kept in the entry (not read from created_at) so the caller's clock decides.
            sql`${connectionEvents.details}->>'kind' = ${WARNING_KIND}`,
            sql`${connectionEvents.details}->>'day' = ${day}`,
          ),
        )
        .limit(1);
      if (already) return false;
      await logConnectionEvent(tx, {
        companyId: consent.companyId,
        connectionId: consent.connectionId,
        level: "warning",
        message: storedMessage("connections.consentExpires", { expiresDate: toIsoDate(consent.consentExpiresAt) }),
        details: { kind: WARNING_KIND, day, consentExpiresAt: consent.consentExpiresAt.toISOString() },
      });
      return true;
    });
    if (warned) await emitConsentExpiringWebhook(db, consent, now);
    result.push({ ...consent, warned });
  }
  return result;
}
