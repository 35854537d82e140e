/**
 * "Restore" on a line deleted earlier (Find Missing Transactions lists them under "Deleted
 * earlier"): the deletion is marked restored and the line as it was goes back through the
 * ingest, in one database transaction, with a log entry. Until then no sync, import or
 * Find Missing brings it back.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { transactionDeletions } from "@/db/schema";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvent } from "@/lib/connections/log";
import { Refusal } from "@/lib/i18n/refusal";
import { ingestTransactions, type IngestLine } from "@/lib/sync/ingest";
import { loadEditableAccount } from "./editable-account";

type Snapshot = Partial<Record<"valueDate" | "partnerAccount" | "reference" | "source", string | null>>;

export type RestoreResult = { ok: true; restored: number } | { ok: false; error: StoredMessage };

export async function restoreDeletedTransactions(
  db: Db,
  actor: { companyId: string; userId: string | null },
  input: { bankAccountId: string; deletionIds: number[] },
): Promise<RestoreResult> {
  const ids = [...new Set(input.deletionIds)];
  if (ids.length === 0) return { ok: false, error: storedMessage("refusals.selectToRestore") };
  try {
    const restored = await db.transaction(async (tx) => {
      const account = await loadEditableAccount(tx, actor.companyId, input.bankAccountId);
      if (!account) throw new Refusal(storedMessage("bankAccountMissing"));
      const deletions = await tx
        .select()
        .from(transactionDeletions)
        .where(and(eq(transactionDeletions.bankAccountId, account.id), inArray(transactionDeletions.id, ids), isNull(transactionDeletions.restoredAt)))
        .for("update");
      if (deletions.length !== ids.length) throw new Refusal(storedMessage("refusals.notDeletedLines"));
      const lockDate = account.lockDate;
      if (lockDate && deletions.some((d) => d.bookingDate <= lockDate)) {
        throw new Refusal(storedMessage("refusals.lockedNotRestored", { lockDate }));
      }
      await tx.update(transactionDeletions).set({ restoredAt: new Date(), restoredBy: actor.userId }).where(inArray(transactionDeletions.id, ids));
      let inserted = 0;
      for (const source of ["sync", "file", "manual"] as const) {
        const lines: IngestLine[] = deletions
          .filter((d) => ((d.snapshot as Snapshot).source ?? "sync") === source)
          .map((d) => {
            const snapshot = d.snapshot as Snapshot;
            return {
              onlineTransactionId: d.onlineTransactionId, bookingDate: d.bookingDate, valueDate: snapshot.valueDate ?? null, amount: d.amount,
              currency: d.currency, description: d.description, partnerName: d.partnerName, partnerAccount: snapshot.partnerAccount ?? null,
              reference: snapshot.reference ?? null,
            };
          });
        if (lines.length > 0) inserted += (await ingestTransactions(tx, { bankAccountId: account.id, source, syncRunId: null, lines })).inserted;
      }
      await logConnectionEvent(tx, {
        companyId: actor.companyId, connectionId: account.connectionId, bankAccountId: account.id, actorUserId: actor.userId, level: "user_action",
        message: storedMessage("connections.transactionsRestored", { account: account.name, count: inserted }),
        details: { restored: deletions.map((d) => ({ deletionId: d.id, onlineTransactionId: d.onlineTransactionId, bookingDate: d.bookingDate, amount: d.amount, deletedAt: d.deletedAt })) },
      });
      return inserted;
    });
    return { ok: true, restored };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.refusal };
    throw error;
  }
}
