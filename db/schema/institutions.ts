/** The merged directory of banks that the providers can reach. */
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

export const institutions = pgTable(
  "institutions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provider: text("provider").notNull(),
    providerInstitutionId: text("provider_institution_id").notNull(),
    name: text("name").notNull(),
    country: text("country").notNull(),
    bic: text("bic"),
    logoUrl: text("logo_url"),
    beta: boolean("beta").notNull().default(false),
    maxHistoryDays: integer("max_history_days").notNull().default(730),
    // Days of history the bank accepted when it refused a longer transaction query (the
    // sync steps down where the provider publishes no per-bank history: lib/sync/bank-history).
    // Kept apart from max_history_days, which the provider's directory rewrites.
    acceptedHistoryDays: integer("accepted_history_days"),
    supportsBackgroundRefresh: boolean("supports_background_refresh").notNull().default(true),
    accountTypes: text("account_types").array().notNull().default(sql`'{}'::text[]`),
    available: boolean("available").notNull().default(true),
    // Calls to the bank allowed per UTC day when the bank sets its own limit (the Sandbox
    // "Demo Bank Daily Limit"); null: the provider's default budget (lib/call-budget).
    dailyCallLimit: integer("daily_call_limit"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("institutions_provider_ref_idx").on(t.provider, t.providerInstitutionId),
    // Search by any part of the name or BIC while typing (pg_trgm).
    index("institutions_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
    index("institutions_bic_idx").on(sql`lower(${t.bic})`),
    // Byte order, so that LIKE 'x%' and the result order read the same index and stop early.
    index("institutions_name_prefix_idx").on(sql`(lower(${t.name}) collate "C")`),
    index("institutions_bic_prefix_idx").on(sql`(lower(${t.bic}) collate "C")`),
    index("institutions_country_idx").on(t.country),
  ],
);

/** Each provider's part of the directory: when it was last loaded, and how that went. */
export const providerDirectoryStatus = pgTable("provider_directory_status", {
  provider: text("provider").primaryKey(),
  lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }).notNull(),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  institutionCount: integer("institution_count").notNull().default(0),
  // In English (logs); key and params say it in the reader's language on Settings.
  lastError: text("last_error"),
  lastErrorKey: text("last_error_key"),
  lastErrorParams: jsonb("last_error_params"),
});
