/** Bank connections: one consent at one provider for one company. */
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { companies } from "./companies";
import { users } from "./auth";
import { institutions } from "./institutions";
import { connectionStateEnum } from "./enums";

export const bankConnections = pgTable(
  "bank_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    provider: text("provider").notNull(),
    state: connectionStateEnum("state").notNull().default("pending"),
    // The provider's reference for this consent, encrypted at rest (lib/crypto).
    providerRefEncrypted: text("provider_ref_encrypted"),
    // SHA-256 of the same reference, so a provider webhook finds its connection.
    providerRefHash: text("provider_ref_hash"),
    // The provider's id of a consent being given while the user is at the bank (a GoCardless
    // requisition), encrypted: a refused or abandoned one is deleted at the provider.
    pendingConsentRefEncrypted: text("pending_consent_ref_encrypted"),
    accountType: text("account_type"),
    consentExpiresAt: timestamp("consent_expires_at", { withTimezone: true }),
    autoSync: boolean("auto_sync").notNull().default(true),
    // Short id the user quotes to support; also sent to the provider as our reference.
    clientId: text("client_id").notNull().unique(),
    // Hash of the single-use `state` of the link in progress; cleared once used.
    linkStateHash: text("link_state_hash"),
    linkStateExpiresAt: timestamp("link_state_expires_at", { withTimezone: true }),
    // Accounts the bank authorized, kept until the user picks which to synchronize.
    authorizedAccounts: jsonb("authorized_accounts"),
    // Provider cursor for cursor-based transaction feeds (e.g. Plaid /transactions/sync).
    syncCursor: text("sync_cursor"),
    // Why the last consent flow (connect, reconnect, update credentials) failed; a sync
    // run's error stays on its run.
    lastErrorCode: text("last_error_code"),
    lastErrorMessage: text("last_error_message"),
    lastErrorReference: text("last_error_reference"),
    // Set when we revoked the consent at the provider (before deleting the connection).
    consentRevokedAt: timestamp("consent_revoked_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("bank_connections_company_idx").on(t.companyId),
    uniqueIndex("bank_connections_link_state_idx").on(t.linkStateHash),
    index("bank_connections_provider_ref_idx").on(t.provider, t.providerRefHash),
    index("bank_connections_auto_sync_idx").on(t.state, t.autoSync),
  ],
);
