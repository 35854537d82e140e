/** API keys for the REST API under /api/v1: one company each, stored as a hash, revocable. */
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { companies } from "./companies";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // The first characters of the key, shown in Settings so the admin can tell keys apart.
    prefix: text("prefix").notNull(),
    // SHA-256 of the whole key: the key itself is shown once and never stored.
    keyHash: text("key_hash").notNull().unique(),
    // read | read_sync
    scope: text("scope").notNull(),
    // The admin who created it; the key acts in the connection log under this name and
    // stops working with them (a removed admin's keys go too).
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    // Fixed-window rate limit, counted in the same UPDATE that checks the key.
    rateWindowStart: timestamp("rate_window_start", { withTimezone: true }),
    rateCount: integer("rate_count").notNull().default(0),
  },
  (t) => [index("api_keys_company_idx").on(t.companyId)],
);
