/** The connection log (chatter) and the provider webhooks we received. */
import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { companies } from "./companies";
import { bankConnections } from "./connections";
import { bankAccounts } from "./bank-accounts";
import { users } from "./auth";
import { eventLevelEnum } from "./enums";

export const connectionEvents = pgTable(
  "connection_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").references(() => bankConnections.id, { onDelete: "set null" }),
    // For what happens to one account (duplicates deleted, file imported, reconciliation).
    bankAccountId: uuid("bank_account_id").references(() => bankAccounts.id, { onDelete: "set null" }),
    syncRunId: uuid("sync_run_id"),
    level: eventLevelEnum("level").notNull().default("info"),
    // The English text (API, exports, rows from before keys); the key and its parameters,
    // when set, render the line in the reader's language (lib/i18n/stored-message).
    message: text("message").notNull(),
    messageKey: text("message_key"),
    messageParams: jsonb("message_params"),
    errorReference: text("error_reference"),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    details: jsonb("details"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("connection_events_connection_idx").on(t.connectionId, t.createdAt.desc()),
    index("connection_events_account_idx").on(t.bankAccountId, t.createdAt.desc()),
  ],
);

export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provider: text("provider").notNull(),
    // The provider's own event id (or a hash of the body) so a redelivery is recognised.
    dedupeKey: text("dedupe_key").notNull(),
    eventType: text("event_type").notNull(),
    // What the delivery asks of us (ProviderWebhookKind), kept so that one left unprocessed
    // (the process stopped after answering) can be handled later without its signature.
    kind: text("kind"),
    providerConnectionRef: text("provider_connection_ref"),
    signatureValid: boolean("signature_valid").notNull(),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [uniqueIndex("webhook_events_dedupe_idx").on(t.provider, t.dedupeKey)],
);
