/** Writes the connection log (the chatter): what happened to a connection, readable by people. */
import type { Db, Tx } from "@/db/client";
import { connectionEvents } from "@/db/schema";
import { storedColumns, type StoredMessage } from "@/lib/i18n/stored-message";

export type ConnectionEventInput = {
  companyId: string;
  connectionId: string | null;
  /** For entries about one account (duplicates deleted, a file imported, reconciliation). */
  bankAccountId?: string | null;
  syncRunId?: string | null;
  level?: "info" | "warning" | "error" | "user_action";
  /** Shown in the reader's language; its English is stored beside it for the API and exports. */
  message: StoredMessage;
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
  await db.insert(connectionEvents).values(events.map((event) => {
    const stored = storedColumns(event.message);
    return {
      companyId: event.companyId,
      connectionId: event.connectionId,
      bankAccountId: event.bankAccountId ?? null,
      syncRunId: event.syncRunId ?? null,
      level: event.level ?? "info",
      message: stored.text,
      messageKey: stored.key,
      messageParams: stored.params,
      errorReference: event.errorReference ?? null,
      actorUserId: event.actorUserId ?? null,
      details: event.details ?? null,
    };
  }));
}
