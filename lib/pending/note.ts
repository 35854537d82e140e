/**
 * What a user types on a pending line: a note and a partner, kept on the pending row and
 * moved to the posted line when it arrives (./record.ts). Only an open line of an account
 * of the user's company can be changed.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, pendingTransactions } from "@/db/schema";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";

export const MAX_PENDING_NOTE_LENGTH = 2_000;
export const MAX_PENDING_PARTNER_LENGTH = 200;

export type PendingNoteResult = { ok: true } | { ok: false; error: StoredMessage };

export async function savePendingNote(
  db: Db,
  actor: { companyId: string; userId: string },
  input: { bankAccountId: string; pendingId: number; note: string | null; partnerName: string | null },
): Promise<PendingNoteResult> {
  const updated = await db
    .update(pendingTransactions)
    .set({ note: input.note, userPartnerName: input.partnerName, updatedBy: actor.userId, updatedAt: new Date() })
    .where(and(
      eq(pendingTransactions.id, input.pendingId),
      eq(pendingTransactions.bankAccountId, input.bankAccountId),
      sql`exists (select 1 from ${bankAccounts} where ${bankAccounts.id} = ${pendingTransactions.bankAccountId} and ${bankAccounts.companyId} = ${actor.companyId})`,
      isNull(pendingTransactions.postedAt),
      isNull(pendingTransactions.droppedAt),
    ))
    .returning({ id: pendingTransactions.id });
  if (updated.length === 0) {
    return { ok: false, error: storedMessage("refusals.pendingNoLongerPending") };
  }
  return { ok: true };
}
