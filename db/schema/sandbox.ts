/**
 * State of the built-in Sandbox aggregator (lib/sandbox), which plays another company's
 * server: its link sessions, the connections it granted and its refresh counters. The
 * app's own tables never reference these.
 */
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

export const sandboxLinkSessions = pgTable("sandbox_link_sessions", {
  id: text("id").primaryKey(),
  institutionId: text("institution_id").notNull(),
  redirectUri: text("redirect_uri").notNull(),
  state: text("state").notNull(),
  accountType: text("account_type"),
  // Set when the session re-links an existing connection (update credentials, reconnect).
  connectionId: text("connection_id"),
  customerRef: text("customer_ref"),
  webhookUrl: text("webhook_url"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  // Makes the one-time code single-use.
  exchangedAt: timestamp("exchanged_at", { withTimezone: true }),
});

export const sandboxConnections = pgTable(
  "sandbox_connections",
  {
    id: text("id").primaryKey(),
    institutionId: text("institution_id").notNull(),
    username: text("username").notNull(),
    customerRef: text("customer_ref"),
    accountType: text("account_type").notNull(),
    accountIds: jsonb("account_ids").$type<string[]>().notNull(),
    consentExpiresAt: timestamp("consent_expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    // Where the Sandbox posts its webhooks for this connection (given at link time).
    webhookUrl: text("webhook_url"),
    // The last Sandbox day whose new transactions were announced by webhook.
    notifiedThrough: date("notified_through", { mode: "string" }),
    // A failure the next refreshes answer with, set through the Sandbox's test controls.
    simulatedFailure: text("simulated_failure"),
    // Lines the bank booked after the fact, through the test controls (lib/sandbox/late-bookings.ts).
    lateBookings: jsonb("late_bookings").$type<{ accountId: string; bookingDate: string; bookedAt: string }[]>().notNull().default([]),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sandbox_connections_login_idx").on(t.institutionId, t.username)],
);

export const sandboxRefreshes = pgTable(
  "sandbox_refreshes",
  {
    connectionId: text("connection_id")
      .notNull()
      .references(() => sandboxConnections.id, { onDelete: "cascade" }),
    refreshedOn: date("refreshed_on", { mode: "string" }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.refreshedOn] })],
);
