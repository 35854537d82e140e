/**
 * The one way transactions are deleted (the duplicate tool, and any later path): all of
 * the selection or nothing, in one database transaction. Refuses lines of another account
 * or company, reconciled lines and lines on or before the lock date; records every deleted
 * line in transaction_deletions and writes one entry in the account's log.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { transactionDeletions, transactions } from "@/db/schema";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvent } from "@/lib/connections/log";
import { Refusal } from "@/lib/i18n/refusal";
import { loadEditableAccount } from "./editable-account";

export type DeleteTransactionsInput = {
  bankAccountId: string;
  transactionIds: number[];
  /** Why, in the user's words or the tool's ("Find Duplicate Transactions"). */
  reason: string;
};

export type DeleteTransactionsResult = { ok: true; deleted: number } | { ok: false; error: StoredMessage };

export async function deleteTransactions(
  db: Db,
  actor: { companyId: string; userId: string | null },
  input: DeleteTransactionsInput,
): Promise<DeleteTransactionsResult> {
  const ids = [...new Set(input.transactionIds)];
  if (ids.length === 0) return { ok: false, error: storedMessage("refusals.selectAtLeastOne") };
  try {
    const deleted = await db.transaction(async (tx) => {
      const account = await loadEditableAccount(tx, actor.companyId, input.bankAccountId);
      if (!account) throw new Refusal(storedMessage("bankAccountMissing"));
      // Locked so that a reconciliation running at the same moment waits for us (or we for it).
      const rows = await tx
        .select()
        .from(transactions)
        .where(and(eq(transactions.bankAccountId, account.id), inArray(transactions.id, ids)))
        .for("update");
      if (rows.length !== ids.length) throw new Refusal(storedMessage("refusals.notOnAccountNotDeleted"));
      const reconciled = rows.filter((row) => row.reconciledAt !== null);
      if (reconciled.length > 0) {
        throw new Refusal(storedMessage("refusals.reconciledNotDeleted", { count: reconciled.length }));
      }
      const lockDate = account.lockDate;
      const locked = lockDate ? rows.filter((row) => row.bookingDate <= lockDate) : [];
      if (lockDate && locked.length > 0) {
        throw new Refusal(storedMessage("refusals.lockedNotDeleted", { count: locked.length, lockDate }));
      }

      await tx.insert(transactionDeletions).values(rows.map((row) => ({
        companyId: actor.companyId,
        bankAccountId: account.id,
        transactionId: row.id,
        onlineTransactionId: row.onlineTransactionId,
        bookingDate: row.bookingDate,
        amount: row.amount,
        currency: row.currency,
        description: row.description,
        partnerName: row.partnerName,
        snapshot: row,
        reason: input.reason,
        deletedBy: actor.userId,
      })));
      await tx.delete(transactions).where(inArray(transactions.id, ids));
      await clearLoneDuplicateFlags(tx, account.id, rows);
      await logConnectionEvent(tx, {
        companyId: actor.companyId, connectionId: account.connectionId, bankAccountId: account.id, actorUserId: actor.userId,
        level: "user_action",
        message: storedMessage("connections.transactionsDeleted", { account: account.name, count: rows.length, reason: input.reason }),
        details: {
          reason: input.reason,
          deleted: rows.map((row) => ({ id: row.id, onlineTransactionId: row.onlineTransactionId, bookingDate: row.bookingDate, amount: row.amount, currency: row.currency, description: row.description })),
        },
      });
      return rows.length;
    });
    return { ok: true, deleted };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.refusal };
    throw error;
  }
}

/** A line whose twin was deleted is no longer a possible duplicate. */
async function clearLoneDuplicateFlags(
  tx: Tx,
  bankAccountId: string,
  deleted: readonly { bookingDate: string; amount: string; currency: string }[],
) {
  const fingerprints = deleted.map((row) => ({ booking_date: row.bookingDate, amount: row.amount, currency: row.currency }));
  await tx.execute(sql`
    update transactions t set possible_duplicate = false
    from (select distinct * from json_to_recordset(${JSON.stringify(fingerprints)}::json) as f(booking_date date, amount numeric, currency text)) f
    where t.bank_account_id = ${bankAccountId}::uuid and t.possible_duplicate
      and t.booking_date = f.booking_date and t.amount = f.amount and t.currency = f.currency
      and not exists (
        select 1 from transactions o
        where o.bank_account_id = t.bank_account_id and o.booking_date = t.booking_date
          and o.amount = t.amount and o.currency = t.currency and o.id <> t.id)
  `);
}
