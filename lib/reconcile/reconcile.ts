/**
 * Reconciliation of bank statement lines: a selection of one account's transactions gets
 * a counterpart label (free text or a category the company keeps) and an optional note,
 * or loses them again ("Undo reconciliation"). All of the selection or nothing; lines of
 * another account or company and lines on or before the lock date are refused.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { transactions } from "@/db/schema";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvent } from "@/lib/connections/log";
import { Refusal } from "@/lib/i18n/refusal";
import { loadEditableAccount, type EditableAccount } from "@/lib/transactions/editable-account";
import { resolveCounterpartLabel } from "./categories";

type Actor = { companyId: string; userId: string | null };

export type ReconcileResult = { ok: true; count: number } | { ok: false; error: StoredMessage };

export const MAX_LABEL_LENGTH = 200;
export const MAX_NOTE_LENGTH = 2000;

type Selected = { id: number; bookingDate: string; reconciledAt: Date | null };

/** Locks the selected lines of the account and checks the rules common to both directions. */
async function lockSelection(tx: Tx, actor: Actor, bankAccountId: string, ids: number[]): Promise<{ account: EditableAccount; rows: Selected[] }> {
  const account = await loadEditableAccount(tx, actor.companyId, bankAccountId);
  if (!account) throw new Refusal(storedMessage("bankAccountMissing"));
  const rows = await tx
    .select({ id: transactions.id, bookingDate: transactions.bookingDate, reconciledAt: transactions.reconciledAt })
    .from(transactions)
    .where(and(eq(transactions.bankAccountId, account.id), inArray(transactions.id, ids)))
    .for("update");
  if (rows.length !== ids.length) throw new Refusal(storedMessage("refusals.notOnAccountUnchanged"));
  const lockDate = account.lockDate;
  const locked = lockDate ? rows.filter((row) => row.bookingDate <= lockDate) : [];
  if (lockDate && locked.length > 0) {
    throw new Refusal(storedMessage("refusals.lockedUnchanged", { count: locked.length, lockDate }));
  }
  return { account, rows };
}

async function refusing(work: () => Promise<number>): Promise<ReconcileResult> {
  try {
    return { ok: true, count: await work() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.refusal };
    throw error;
  }
}

export async function reconcileTransactions(
  db: Db,
  actor: Actor,
  input: { bankAccountId: string; transactionIds: number[]; counterpartLabel: string; note?: string | null; keepAsCategory?: boolean },
): Promise<ReconcileResult> {
  const ids = [...new Set(input.transactionIds)];
  const label = input.counterpartLabel.trim();
  const note = input.note?.trim() || null;
  if (ids.length === 0) return { ok: false, error: storedMessage("refusals.selectAtLeastOne") };
  if (!label) return { ok: false, error: storedMessage("refusals.counterpartLabelRequired") };
  if (label.length > MAX_LABEL_LENGTH) return { ok: false, error: storedMessage("refusals.counterpartLabelTooLong", { maximum: MAX_LABEL_LENGTH }) };
  if (note && note.length > MAX_NOTE_LENGTH) return { ok: false, error: storedMessage("refusals.noteTooLong", { maximum: MAX_NOTE_LENGTH }) };
  return refusing(() => db.transaction(async (tx) => {
    const { account, rows } = await lockSelection(tx, actor, input.bankAccountId, ids);
    const already = rows.filter((row) => row.reconciledAt !== null);
    if (already.length > 0) {
      throw new Refusal(storedMessage("refusals.alreadyReconciled", { count: already.length }));
    }
    const counterpartLabel = await resolveCounterpartLabel(tx, actor.companyId, label, input.keepAsCategory ?? false);
    await tx
      .update(transactions)
      .set({ reconciledAt: new Date(), reconciledBy: actor.userId, counterpartLabel, reconcileNote: note })
      .where(inArray(transactions.id, ids));
    await logConnectionEvent(tx, {
      companyId: actor.companyId, connectionId: account.connectionId, bankAccountId: account.id, actorUserId: actor.userId, level: "user_action",
      message: storedMessage("connections.reconciled", { account: account.name, count: ids.length, label: counterpartLabel }),
      details: { transactionIds: ids, counterpartLabel, note },
    });
    return ids.length;
  }));
}

export async function undoReconciliation(
  db: Db,
  actor: Actor,
  input: { bankAccountId: string; transactionIds: number[] },
): Promise<ReconcileResult> {
  const ids = [...new Set(input.transactionIds)];
  if (ids.length === 0) return { ok: false, error: storedMessage("refusals.selectAtLeastOne") };
  return refusing(() => db.transaction(async (tx) => {
    const { account, rows } = await lockSelection(tx, actor, input.bankAccountId, ids);
    const open = rows.filter((row) => row.reconciledAt === null);
    if (open.length > 0) {
      throw new Refusal(storedMessage("refusals.notReconciled", { count: open.length }));
    }
    await tx
      .update(transactions)
      .set({ reconciledAt: null, reconciledBy: null, counterpartLabel: null, reconcileNote: null })
      .where(inArray(transactions.id, ids));
    await logConnectionEvent(tx, {
      companyId: actor.companyId, connectionId: account.connectionId, bankAccountId: account.id, actorUserId: actor.userId, level: "user_action",
      message: storedMessage("connections.reconcileUndone", { account: account.name, count: ids.length }),
      details: { transactionIds: ids },
    });
    return ids.length;
  }));
}
