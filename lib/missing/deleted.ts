/**
 * "Deleted earlier" on Find Missing Transactions: every line of an account deleted here
 * (and not restored) since the Starting Date, read from transaction_deletions alone. So a
 * line is restorable whether or not the bank still reports it and whether or not the
 * account has a connection (manual accounts, file imports, lines older than the bank's
 * history). Restore itself is lib/transactions/restore.ts.
 */
import { and, desc, eq, gte, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts, companies, transactionDeletions, users } from "@/db/schema";
import type { MissingLine } from "./find";
import { isUuid } from "@/lib/uuid";


export type DeletedLine = {
  /** The deletion to restore (transaction_deletions.id). */
  deletionId: number;
  bookingDate: string;
  amount: string;
  currency: string;
  description: string;
  partnerName: string | null;
  deletedAt: Date;
  /** Why ("Find Duplicate Transactions", "Deleted by hand: …") and by whom (name, else email; null when the user is gone). */
  reason: string;
  by: string | null;
  /** The company's lock date when the line is dated on or before it: Restore refuses it, the list says so. */
  lockedBy: string | null;
};

export async function listDeletedLines(
  db: Db,
  actor: { companyId: string },
  input: {
    bankAccountId: string;
    startingDate: string;
    /** Deletions to list even when dated before the Starting Date: the ones the bank reports again in its window (its date may differ). */
    alsoDeletionIds?: number[];
  },
): Promise<DeletedLine[]> {
  if (!isUuid(input.bankAccountId)) return [];
  const also = [...new Set(input.alsoDeletionIds ?? [])];
  const rows = await db
    .select({
      deletionId: transactionDeletions.id, bookingDate: transactionDeletions.bookingDate, amount: transactionDeletions.amount,
      currency: transactionDeletions.currency, description: transactionDeletions.description, partnerName: transactionDeletions.partnerName,
      deletedAt: transactionDeletions.deletedAt, reason: transactionDeletions.reason, userName: users.name, userEmail: users.email,
      lockDate: companies.lockDate,
    })
    .from(transactionDeletions)
    // Scoped through the account's own company, so another company's deletions never show, whatever the id asked for.
    .innerJoin(bankAccounts, and(eq(bankAccounts.id, transactionDeletions.bankAccountId), eq(bankAccounts.companyId, actor.companyId)))
    .innerJoin(companies, eq(companies.id, bankAccounts.companyId))
    .leftJoin(users, eq(users.id, transactionDeletions.deletedBy))
    .where(and(
      eq(transactionDeletions.bankAccountId, input.bankAccountId),
      eq(transactionDeletions.companyId, actor.companyId),
      isNull(transactionDeletions.restoredAt),
      also.length > 0
        ? or(gte(transactionDeletions.bookingDate, input.startingDate), inArray(transactionDeletions.id, also))
        : gte(transactionDeletions.bookingDate, input.startingDate),
    ))
    .orderBy(desc(transactionDeletions.bookingDate), desc(transactionDeletions.id));
  return rows.map(({ userName, userEmail, lockDate, ...row }) => ({
    ...row,
    by: userName ?? userEmail,
    lockedBy: lockDate && row.bookingDate <= lockDate ? lockDate : null,
  }));
}

/**
 * What Find Missing Transactions shows: the bank's posted lines that are not here and were
 * never deleted (to import), and every deleted line (to restore). A deleted line the bank
 * reports again is listed once, under Deleted earlier, even when the bank dates it before
 * the Starting Date of the deleted list.
 */
export async function splitMissingAndDeleted(
  db: Db,
  actor: { companyId: string },
  input: { bankAccountId: string; deletedSince: string; posted: MissingLine[] },
): Promise<{ missing: MissingLine[]; deleted: DeletedLine[] }> {
  const deleted = await listDeletedLines(db, actor, {
    bankAccountId: input.bankAccountId,
    startingDate: input.deletedSince,
    alsoDeletionIds: input.posted.flatMap((line) => line.deletionId ?? []),
  });
  return { missing: input.posted.filter((line) => line.deletionId === null), deleted };
}
