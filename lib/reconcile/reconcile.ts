/**
 * Reconciliation of bank statement lines: a selection of one account's transactions gets
 * a counterpart label (free text or a category the company keeps) and an optional note,
 * or loses them again ("Undo reconciliation"). All of the selection or nothing; lines of
 * another account or company and lines on or before the lock date are refused.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { transactions } from "@/db/schema";
import { storedMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvent } from "@/lib/connections/log";
import { countLines } from "@/lib/transactions/count-lines";
import { loadEditableAccount, type EditableAccount } from "@/lib/transactions/editable-account";
import { resolveCounterpartLabel } from "./categories";

type Actor = { companyId: string; userId: string | null };

export type ReconcileResult = { ok: true; count: number } | { ok: false; error: string };

export const MAX_LABEL_LENGTH = 200;
export const MAX_NOTE_LENGTH = 2000;

class Refusal extends Error {}

type Selected = { id: number; bookingDate: string; reconciledAt: Date | null };

/** Locks the selected lines of the account and checks the rules common to both directions. */
async function lockSelection(tx: Tx, actor: Actor, bankAccountId: string, ids: number[]): Promise<{ account: EditableAccount; rows: Selected[] }> {
  const account = await loadEditableAccount(tx, actor.companyId, bankAccountId);
  if (!account) throw new Refusal("This bank account does not exist.");
  const rows = await tx
    .select({ id: transactions.id, bookingDate: transactions.bookingDate, reconciledAt: transactions.reconciledAt })
    .from(transactions)
    .where(and(eq(transactions.bankAccountId, account.id), inArray(transactions.id, ids)))
    .for("update");
  if (rows.length !== ids.length) throw new Refusal("Some of the selected transactions are not on this account. Nothing was changed.");
  const lockDate = account.lockDate;
  const locked = lockDate ? rows.filter((row) => row.bookingDate <= lockDate) : [];
  if (locked.length > 0) {
    throw new Refusal(`${countLines(locked.length)} of the selection ${locked.length === 1 ? "is" : "are"} dated on or before the lock date (${lockDate}) and cannot be changed. Nothing was changed.`);
  }
  return { account, rows };
}

async function refusing(work: () => Promise<number>): Promise<ReconcileResult> {
  try {
    return { ok: true, count: await work() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
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
  if (ids.length === 0) return { ok: false, error: "Select at least one transaction." };
  if (!label) return { ok: false, error: "Enter a counterpart label." };
  if (label.length > MAX_LABEL_LENGTH) return { ok: false, error: `The counterpart label is limited to ${MAX_LABEL_LENGTH} characters.` };
  if (note && note.length > MAX_NOTE_LENGTH) return { ok: false, error: `The note is limited to ${MAX_NOTE_LENGTH} characters.` };
  return refusing(() => db.transaction(async (tx) => {
    const { account, rows } = await lockSelection(tx, actor, input.bankAccountId, ids);
    const already = rows.filter((row) => row.reconciledAt !== null);
    if (already.length > 0) {
      throw new Refusal(`${countLines(already.length)} of the selection ${already.length === 1 ? "is" : "are"} already reconciled. Undo the reconciliation first to change it. Nothing was changed.`);
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
  if (ids.length === 0) return { ok: false, error: "Select at least one transaction." };
  return refusing(() => db.transaction(async (tx) => {
    const { account, rows } = await lockSelection(tx, actor, input.bankAccountId, ids);
    const open = rows.filter((row) => row.reconciledAt === null);
    if (open.length > 0) {
      throw new Refusal(`${countLines(open.length)} of the selection ${open.length === 1 ? "is" : "are"} not reconciled. Nothing was changed.`);
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
