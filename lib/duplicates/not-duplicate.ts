/**
 * "Not a duplicate" on a group of Find Duplicate Transactions: every pair of the group is
 * remembered (not_duplicate_pairs) so it is never listed together again, and a line left
 * without another undismissed twin loses its possible-duplicate flag. Scoped to the
 * company; logged in the account's connection log.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, notDuplicatePairs, transactions } from "@/db/schema";
import { type StoredMessage, storedMessage } from "@/lib/i18n/stored-message";
import { logConnectionEvent } from "@/lib/connections/log";
import { loadEditableAccount } from "@/lib/transactions/editable-account";
import type { DuplicateReason } from "./reasons";

export type NotDuplicateInput = { bankAccountId: string; reason: DuplicateReason; transactionIds: number[] };
export type NotDuplicateResult = { ok: true; lines: number; pairs: number } | { ok: false; error: StoredMessage };

export async function markNotDuplicate(db: Db, actor: { companyId: string; userId: string | null }, input: NotDuplicateInput): Promise<NotDuplicateResult> {
  const ids = [...new Set(input.transactionIds)];
  if (ids.length < 2) return { ok: false, error: storedMessage("refusals.groupTooSmall") };
  return db.transaction(async (tx) => {
    const account = await loadEditableAccount(tx, actor.companyId, input.bankAccountId);
    if (!account) return { ok: false, error: storedMessage("bankAccountMissing") };
    const lines = await tx
      .select({ id: transactions.id, bankAccountId: transactions.bankAccountId, bookingDate: transactions.bookingDate, amount: transactions.amount, currency: transactions.currency })
      .from(transactions)
      .innerJoin(bankAccounts, eq(bankAccounts.id, transactions.bankAccountId))
      .where(and(inArray(transactions.id, ids), eq(bankAccounts.companyId, actor.companyId)));
    if (lines.length !== ids.length) return { ok: false, error: storedMessage("refusals.linesMissing") };
    if (!lines.some((line) => line.bankAccountId === account.id)) return { ok: false, error: storedMessage("refusals.noneOnAccount") };
    const same = (pick: (line: (typeof lines)[number]) => string) => new Set(lines.map(pick)).size === 1;
    if (input.reason !== "online_id" && !(same((line) => line.amount) && same((line) => line.currency))) {
      return { ok: false, error: storedMessage("refusals.amountsDiffer") };
    }

    const pairs = ids.flatMap((a, index) => ids.slice(index + 1).map((b) => ({
      lowTransactionId: Math.min(a, b), highTransactionId: Math.max(a, b), bankAccountId: account.id, reason: input.reason, decidedBy: actor.userId,
    })));
    const stored = await tx.insert(notDuplicatePairs).values(pairs).onConflictDoNothing().returning({ low: notDuplicatePairs.lowTransactionId });
    // The flag means "shares date, amount and currency with another line of the account":
    // a line keeps it only while such a twin remains that the user did not dismiss.
    await tx.execute(sql`
      update transactions t set possible_duplicate = false
      where t.id = any(${`{${ids.join(",")}}`}::bigint[]) and t.possible_duplicate
        and not exists (
          select 1 from transactions o
          where o.bank_account_id = t.bank_account_id and o.booking_date = t.booking_date
            and o.amount = t.amount and o.currency = t.currency and o.id <> t.id
            and not exists (
              select 1 from not_duplicate_pairs n
              where n.low_transaction_id = least(t.id, o.id) and n.high_transaction_id = greatest(t.id, o.id)))
    `);
    await logConnectionEvent(tx, {
      companyId: actor.companyId, connectionId: account.connectionId, bankAccountId: account.id, actorUserId: actor.userId, level: "user_action",
      message: storedMessage("connections.markedNotDuplicate", { account: account.name, count: ids.length, reason: storedMessage(`connections.duplicateReasons.${input.reason}`) }),
      details: { reason: input.reason, transactionIds: ids },
    });
    return { ok: true, lines: ids.length, pairs: stored.length };
  });
}
