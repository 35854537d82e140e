/** Bank accounts (the ERP's bank journals): synchronized through a connection, or manual. */
import { boolean, index, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { companies } from "./companies";
import { bankConnections } from "./connections";

export const bankAccounts = pgTable(
  "bank_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    // Deleting a connection keeps the account and its transactions as a manual account.
    connectionId: uuid("connection_id").references(() => bankConnections.id, { onDelete: "set null" }),
    providerAccountId: text("provider_account_id"),
    name: text("name").notNull(),
    bankName: text("bank_name"),
    accountNumber: text("account_number").notNull(),
    bic: text("bic"),
    currency: text("currency").notNull().default("EUR"),
    accountType: text("account_type"),
    syncEnabled: boolean("sync_enabled").notNull().default(false),
    balance: numeric("balance", { precision: 20, scale: 4 }),
    balanceAsOf: timestamp("balance_as_of", { withTimezone: true }),
    // Balance before the first line on the account: the bank's first reported balance
    // minus the lines imported by then, or typed by the user. Null until known.
    openingBalance: numeric("opening_balance", { precision: 20, scale: 4 }),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    // Remembered column mapping for CSV imports of this account.
    csvMapping: jsonb("csv_mapping"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("bank_accounts_company_idx").on(t.companyId),
    uniqueIndex("bank_accounts_connection_provider_idx").on(t.connectionId, t.providerAccountId),
  ],
);
