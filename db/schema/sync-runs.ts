/** One row per synchronization attempt of a connection. */
import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { companies } from "./companies";
import { bankConnections } from "./connections";
import { syncStatusEnum, syncTriggerEnum } from "./enums";

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    // Kept after the connection is deleted: the company's history stays readable.
    connectionId: uuid("connection_id").references(() => bankConnections.id, { onDelete: "set null" }),
    trigger: syncTriggerEnum("trigger").notNull(),
    status: syncStatusEnum("status").notNull().default("running"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    fetched: integer("fetched").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    possibleDuplicates: integer("possible_duplicates").notNull().default(0),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    // The error as a catalogue key with its parameters, shown in the reader's language;
    // null for rows from before, and for a provider's own wording, which stays in English.
    errorKey: text("error_key"),
    errorParams: jsonb("error_params"),
    // Short code the user can quote to support; also written to the server log.
    errorReference: text("error_reference"),
    retryAfter: timestamp("retry_after", { withTimezone: true }),
    // A first sync: the earliest date the bank's history was read from, for the user's notice.
    historyFrom: date("history_from", { mode: "string" }),
    // When the provider allows its next refresh, where it limits refreshing, not reading (Salt Edge).
    nextRefreshAt: timestamp("next_refresh_at", { withTimezone: true }),
    orchestrator: text("orchestrator").notNull().default("inline"),
    // The bank's security-code challenge while the run waits for the user.
    mfaChallengeId: text("mfa_challenge_id"),
    mfaPrompt: text("mfa_prompt"),
  },
  (t) => [
    index("sync_runs_connection_idx").on(t.connectionId, t.startedAt.desc()),
    index("sync_runs_company_idx").on(t.companyId, t.startedAt.desc()),
    // One unfinished run per connection: a second Fetch cannot start while one runs or waits.
    uniqueIndex("sync_runs_one_open_per_connection_idx")
      .on(t.connectionId)
      .where(sql`${t.status} in ('running', 'waiting_mfa')`),
  ],
);
