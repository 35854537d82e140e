/**
 * What keeps the books trustworthy beyond the transactions themselves: pending lines
 * kept apart until they post, the calls spent on each provider's budget, the bank's
 * balance compared with ours, and the pairs a user said are not duplicates.
 */
import { bigint, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { bankAccounts } from "./bank-accounts";
import { bankConnections } from "./connections";
import { syncRuns } from "./sync-runs";
import { transactions } from "./transactions";

/**
 * Pending (not yet booked) lines as the bank last listed them: never in the books, shown
 * greyed. When the posted twin arrives the row is linked to it and no longer shown; the
 * user's note and partner move to the posted line.
 */
export const pendingTransactions = pgTable(
  "pending_transactions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    bankAccountId: uuid("bank_account_id")
      .notNull()
      .references(() => bankAccounts.id, { onDelete: "cascade" }),
    // The provider's id of the pending line; the posted line usually gets another one.
    onlineTransactionId: text("online_transaction_id").notNull(),
    bookingDate: date("booking_date", { mode: "string" }).notNull(),
    valueDate: date("value_date", { mode: "string" }),
    amount: numeric("amount", { precision: 20, scale: 4 }).notNull(),
    currency: text("currency").notNull(),
    description: text("description").notNull().default(""),
    partnerName: text("partner_name"),
    partnerAccount: text("partner_account"),
    reference: text("reference"),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    // What the user typed while the line was pending; carried over to the posted line.
    note: text("note"),
    userPartnerName: text("user_partner_name"),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
    // The posted twin, once it arrived.
    postedTransactionId: bigint("posted_transaction_id", { mode: "number" }).references(() => transactions.id, { onDelete: "set null" }),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    // "provider": the provider named the pending id on the posted line; "match": same
    // account, amount and currency, close date and similar text; "user": a dropped line's
    // note attached by hand; "dismissed": a dropped line the user put away (lib/pending).
    linkReason: text("link_reason"),
    // The bank stopped listing it without a posted twin (an authorization that lapsed).
    droppedAt: timestamp("dropped_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("pending_transactions_account_online_id_idx").on(t.bankAccountId, t.onlineTransactionId),
    index("pending_transactions_posted_idx").on(t.postedTransactionId),
  ],
);

/**
 * Calls made to a provider within one budget period (a UTC day), per connection or per
 * account as the provider counts them. Every caller (schedule, webhook, retry, manual
 * fetch, Find Missing) adds to the same row, so together they cannot exceed the budget.
 */
export const providerCallCounts = pgTable(
  "provider_call_counts",
  {
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => bankConnections.id, { onDelete: "cascade" }),
    // "connection" for a budget per consent, else the bank account's id.
    scope: text("scope").notNull(),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    calls: integer("calls").notNull().default(0),
    lastCallAt: timestamp("last_call_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.scope, t.periodStart] })],
);

/** After each sync: the balance the bank reports against opening balance + imported lines. */
export const balanceChecks = pgTable(
  "balance_checks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    bankAccountId: uuid("bank_account_id")
      .notNull()
      .references(() => bankAccounts.id, { onDelete: "cascade" }),
    syncRunId: uuid("sync_run_id").references(() => syncRuns.id, { onDelete: "set null" }),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
    currency: text("currency").notNull(),
    bankBalance: numeric("bank_balance", { precision: 20, scale: 4 }).notNull(),
    bankBalanceAsOf: timestamp("bank_balance_as_of", { withTimezone: true }).notNull(),
    computedBalance: numeric("computed_balance", { precision: 20, scale: 4 }).notNull(),
    // bank - computed; zero when they match.
    difference: numeric("difference", { precision: 20, scale: 4 }).notNull(),
    // The computed balance counts the lines booked on or before this date.
    linesThrough: date("lines_through", { mode: "string" }).notNull(),
  },
  (t) => [index("balance_checks_account_idx").on(t.bankAccountId, t.checkedAt.desc())],
);

/** Pairs of lines a user marked "Not a duplicate": never flagged or listed together again. */
export const notDuplicatePairs = pgTable(
  "not_duplicate_pairs",
  {
    // The smaller transaction id first, so a pair has one row whatever the order.
    lowTransactionId: bigint("low_transaction_id", { mode: "number" })
      .notNull()
      .references(() => transactions.id, { onDelete: "cascade" }),
    highTransactionId: bigint("high_transaction_id", { mode: "number" })
      .notNull()
      .references(() => transactions.id, { onDelete: "cascade" }),
    bankAccountId: uuid("bank_account_id")
      .notNull()
      .references(() => bankAccounts.id, { onDelete: "cascade" }),
    // The reason the pair had been shown for ("online_id", "fingerprint", "pending_twin").
    reason: text("reason").notNull(),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.lowTransactionId, t.highTransactionId] }),
    // Deleting a transaction cascades here through either column.
    index("not_duplicate_pairs_high_idx").on(t.highTransactionId),
    index("not_duplicate_pairs_account_idx").on(t.bankAccountId),
  ],
);
