/** Writes the connection log (the chatter): what happened to a connection, readable by people. */
import type { Db, Tx } from "@/db/client";
import { connectionEvents } from "@/db/schema";

export type ConnectionEventInput = {
  companyId: string;
  connectionId: string | null;
  /** For entries about one account (duplicates deleted, a file imported, reconciliation). */
  bankAccountId?: string | null;
  syncRunId?: string | null;
  level?: "info" | "warning" | "error" | "user_action";
  message: string;
  errorReference?: string | null;
  actorUserId?: string | null;
  details?: Record<string, unknown> | null;
};

export async function logConnectionEvent(db: Db | Tx, event: ConnectionEventInput): Promise<void> {
  await logConnectionEvents(db, [event]);
}

/** Several entries in one insert (a burst of webhooks). */
export async function logConnectionEvents(db: Db | Tx, events: ConnectionEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(connectionEvents).values(events.map((event) => ({
    companyId: event.companyId,
    connectionId: event.connectionId,
    bankAccountId: event.bankAccountId ?? null,
    syncRunId: event.syncRunId ?? null,
    level: event.level ?? "info",
    message: event.message,
    errorReference: event.errorReference ?? null,
    actorUserId: event.actorUserId ?? null,
    details: event.details ?? null,
  })));
}
