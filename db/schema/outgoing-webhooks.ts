/** Outgoing webhooks: the company's endpoints and every delivery attempt's outcome. */
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { companies } from "./companies";

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    // The signing secret, encrypted at rest (lib/crypto): we need it again for every delivery.
    secretEncrypted: text("secret_encrypted").notNull(),
    // The event types the endpoint receives (lib/outgoing-webhooks/events); every one unless the admin chose.
    events: text("events").array().notNull().default(sql`array['transactions.created', 'connection.needs_attention', 'sync.failed']::text[]`),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [index("webhook_endpoints_company_idx").on(t.companyId)],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    // transactions.created | connection.needs_attention | sync.failed | test
    eventType: text("event_type").notNull(),
    // The whole JSON body as sent, so every retry sends the same bytes' content.
    payload: jsonb("payload").notNull(),
    // pending -> delivered | failed (gave up after the last retry)
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer("last_status_code"),
    // In English (the API, the logs); key and params say it in the reader's language.
    lastError: text("last_error"),
    lastErrorKey: text("last_error_key"),
    lastErrorParams: jsonb("last_error_params"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt.desc()),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
  ],
);
