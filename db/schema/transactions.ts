/** Posted bank transactions (the ERP's bank statement lines). */
import { sql } from "drizzle-orm";
import { bigint, boolean, customType, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bankAccounts } from "./bank-accounts";
import { transactionSourceEnum } from "./enums";
import { users } from "./auth";
import { companies } from "./companies";

/** PostgreSQL's 64-bit transaction id; read as a decimal string. */
const xid8 = customType<{ data: string }>({ dataType: () => "xid8" });

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
    // The provider says it removed this line after we stored it: kept, flagged for review.
    removedAtProviderAt: timestamp("removed_at_provider_at", { withTimezone: true }),
    syncRunId: uuid("sync_run_id"),
    // The file import that brought this line (source = 'file').
    statementImportId: uuid("statement_import_id"),
    reconciledAt: timestamp("reconciled_at", { withTimezone: true }),
    reconciledBy: text("reconciled_by").references(() => users.id, { onDelete: "set null" }),
    counterpartLabel: text("counterpart_label"),
    reconcileNote: text("reconcile_note"),
    // The user's own note on the line (typed while it was pending, or later).
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // The database transaction that inserted the line. The API's `since` cursor orders by
    // (inserted_xid, id) and shows only lines of finished transactions, so a line that
    // commits late with a lower id is never skipped by a client that already read past it.
    insertedXid: xid8("inserted_xid").notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index("transactions_inserted_idx").on(t.insertedXid, t.id),
    uniqueIndex("transactions_account_online_id_idx").on(t.bankAccountId, t.onlineTransactionId),
    // The transactions page: newest first, keyset on (booking_date, id).
    index("transactions_account_date_idx").on(t.bankAccountId, t.bookingDate.desc(), t.id.desc()),
    // Possible duplicates: same account, date, amount and currency.
    index("transactions_fingerprint_idx").on(t.bankAccountId, t.bookingDate, t.amount, t.currency),
  ],
);

/**
 * What was deleted from an account's transactions, by whom and why: the log of the
 * duplicate tool, and the memory that keeps a later sync or import from bringing it back.
 */
export const transactionDeletions = pgTable(
  "transaction_deletions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    bankAccountId: uuid("bank_account_id")
      .notNull()
      .references(() => bankAccounts.id, { onDelete: "cascade" }),
    // The deleted line's own id, for the record; the row itself is gone.
    transactionId: bigint("transaction_id", { mode: "number" }).notNull(),
    onlineTransactionId: text("online_transaction_id"),
    bookingDate: date("booking_date", { mode: "string" }).notNull(),
    amount: numeric("amount", { precision: 20, scale: 4 }).notNull(),
    currency: text("currency").notNull(),
    description: text("description").notNull().default(""),
    partnerName: text("partner_name"),
    // The whole line as it was, so "Restore" can put it back unchanged.
    snapshot: jsonb("snapshot").notNull(),
    reason: text("reason").notNull(),
    deletedBy: text("deleted_by").references(() => users.id, { onDelete: "set null" }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }).notNull().defaultNow(),
    restoredAt: timestamp("restored_at", { withTimezone: true }),
    restoredBy: text("restored_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("transaction_deletions_online_id_idx").on(t.bankAccountId, t.onlineTransactionId),
    index("transaction_deletions_fingerprint_idx").on(t.bankAccountId, t.bookingDate, t.amount, t.currency),
  ],
);

/** Counterpart labels a company keeps for reconciliation (a free text is allowed too). */
export const counterpartCategories = pgTable(
  "counterpart_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("counterpart_categories_company_name_idx").on(t.companyId, sql`lower(${t.name})`)],
);

/** One uploaded statement file (OFX/QFX, CAMT.053, CSV): parsed, previewed, then committed or discarded. */
export const statementImports = pgTable(
  "statement_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    bankAccountId: uuid("bank_account_id")
      .notNull()
      .references(() => bankAccounts.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    format: text("format").notNull(), // ofx | camt053 | csv
    // parsing -> previewed -> committed | discarded | failed
    status: text("status").notNull().default("parsing"),
    totalLines: integer("total_lines").notNull().default(0),
    processedLines: integer("processed_lines").notNull().default(0),
    newCount: integer("new_count").notNull().default(0),
    alreadyPresentCount: integer("already_present_count").notNull().default(0),
    possibleDuplicateCount: integer("possible_duplicate_count").notNull().default(0),
    insertedCount: integer("inserted_count").notNull().default(0),
    // CSV lines in another currency than the account's, left out at the user's choice.
    otherCurrencySkipped: integer("other_currency_skipped").notNull().default(0),
    // The statement's own closing balance (CAMT CLBD, OFX LEDGERBAL), applied on commit.
    closingBalance: numeric("closing_balance", { precision: 20, scale: 4 }),
    closingBalanceDate: date("closing_balance_date", { mode: "string" }),
    error: text("error"),
    // The error as a catalogue key with its parameters, shown in the reader's language;
    // null for imports from before keys (their English error is shown).
    errorKey: text("error_key"),
    errorParams: jsonb("error_params"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp("committed_at", { withTimezone: true }),
  },
  (t) => [index("statement_imports_account_idx").on(t.bankAccountId, t.createdAt.desc())],
);

/** The parsed lines of a statement file, staged until the import is committed or discarded. */
export const statementImportLines = pgTable(
  "statement_import_lines",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => statementImports.id, { onDelete: "cascade" }),
    lineNo: integer("line_no").notNull(),
    // The file's own transaction id (OFX FITID, CAMT AcctSvcrRef / NtryRef), when it has one.
    fileTransactionId: text("file_transaction_id"),
    bookingDate: date("booking_date", { mode: "string" }).notNull(),
    valueDate: date("value_date", { mode: "string" }),
    amount: numeric("amount", { precision: 20, scale: 4 }).notNull(),
    currency: text("currency").notNull(),
    description: text("description").notNull().default(""),
    partnerName: text("partner_name"),
    partnerAccount: text("partner_account"),
    reference: text("reference"),
    // Filled by the preview: new | present | possible_duplicate
    verdict: text("verdict"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.lineNo] })],
);
