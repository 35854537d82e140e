/** Posted bank transactions (the ERP's bank statement lines). */
import { bigint, boolean, date, index, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bankAccounts } from "./bank-accounts";
import { transactionSourceEnum } from "./enums";
import { users } from "./auth";

export const transactions = pgTable(
  "transactions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    bankAccountId: uuid("bank_account_id")
      .notNull()
      .references(() => bankAccounts.id, { onDelete: "cascade" }),
    // The bank's or aggregator's id; null for lines entered by hand or files without ids.
    onlineTransactionId: text("online_transaction_id"),
    bookingDate: date("booking_date", { mode: "string" }).notNull(),
    valueDate: date("value_date", { mode: "string" }),
    amount: numeric("amount", { precision: 20, scale: 4 }).notNull(),
    currency: text("currency").notNull(),
    description: text("description").notNull().default(""),
    partnerName: text("partner_name"),
    partnerAccount: text("partner_account"),
    reference: text("reference"),
    source: transactionSourceEnum("source").notNull().default("sync"),
    // Same account, date, amount and currency as another line with a different id.
    possibleDuplicate: boolean("possible_duplicate").notNull().default(false),
    syncRunId: uuid("sync_run_id"),
    reconciledAt: timestamp("reconciled_at", { withTimezone: true }),
    reconciledBy: text("reconciled_by").references(() => users.id, { onDelete: "set null" }),
    counterpartLabel: text("counterpart_label"),
    reconcileNote: text("reconcile_note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("transactions_account_online_id_idx").on(t.bankAccountId, t.onlineTransactionId),
    // The transactions page: newest first, keyset on (booking_date, id).
    index("transactions_account_date_idx").on(t.bankAccountId, t.bookingDate.desc(), t.id.desc()),
    // Possible duplicates: same account, date, amount and currency.
    index("transactions_fingerprint_idx").on(t.bankAccountId, t.bookingDate, t.amount, t.currency),
  ],
);
