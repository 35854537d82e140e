/** The "Automatic synchronization" switch of a connection, logged with who turned it. */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvent } from "./log";

export async function setAutoSync(
  db: Db,
  actor: { companyId: string; userId: string },
  input: { connectionId: string; on: boolean },
): Promise<{ ok: true } | { ok: false; error: StoredMessage }> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(bankConnections)
      .set({ autoSync: input.on, updatedAt: new Date() })
      .where(and(eq(bankConnections.id, input.connectionId), eq(bankConnections.companyId, actor.companyId)))
      .returning({ id: bankConnections.id });
    if (!updated) return { ok: false as const, error: storedMessage("connectionMissing") };
    await logConnectionEvent(tx, {
      companyId: actor.companyId, connectionId: input.connectionId, actorUserId: actor.userId, level: "user_action",
      message: storedMessage(input.on ? "connections.autoSyncOn" : "connections.autoSyncOff"),
    });
    return { ok: true as const };
  });
}
