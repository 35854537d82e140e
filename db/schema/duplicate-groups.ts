/**
 * The possible-duplicate groups of each account: fingerprints (date, amount, currency) that
 * two or more of its lines share, with how many lines share them and how many of those
 * lines' pairs a user marked "Not a duplicate". Kept up to date by statement-level
 * triggers on transactions and not_duplicate_pairs (migration 0020), so every writer keeps
 * it consistent and Find Duplicate Transactions reads the groups from a starting date
 * instead of every line of the range.
 */
import { sql } from "drizzle-orm";
import { date, index, integer, numeric, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { bankAccounts } from "./bank-accounts";

export const duplicateGroups = pgTable(
  "duplicate_groups",
  {
    bankAccountId: uuid("bank_account_id")
      .notNull()
      .references(() => bankAccounts.id, { onDelete: "cascade" }),
    bookingDate: date("booking_date", { mode: "string" }).notNull(),
    amount: numeric("amount", { precision: 20, scale: 4 }).notNull(),
    currency: text("currency").notNull(),
    // Always 2 or more: a fingerprint left with one line has no row.
    lineCount: integer("line_count").notNull(),
    // Pairs of the group's lines marked "Not a duplicate"; when every pair is, the group is closed.
    dismissedPairs: integer("dismissed_pairs").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.bankAccountId, t.bookingDate, t.amount, t.currency] }),
    // The groups the page lists: those with a pair the user has not dismissed, newest first.
    index("duplicate_groups_open_idx")
      .on(t.bankAccountId, t.bookingDate.desc())
      .where(sql`${t.dismissedPairs} < ${t.lineCount} * (${t.lineCount} - 1) / 2`),
  ],
);
