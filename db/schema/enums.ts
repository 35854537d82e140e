/** PostgreSQL enums shared by several tables. */
import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["admin", "user"]);

/**
 * The link's own lifecycle: whether we may talk to the bank at all. Whether a run waits
 * for a security code or the bank needs the user is not stored here; it is read from the
 * newest sync run (lib/connections/status).
 */
export const connectionStateEnum = pgEnum("connection_state", [
  "pending", // created, consent not completed yet
  "selecting_accounts", // consent given, accounts not chosen yet
  "active",
  "disconnected", // revoked
  "refused", // never completed: consent refused or abandoned at the bank; Connect again starts over
]);

export const syncTriggerEnum = pgEnum("sync_trigger", [
  "first_sync",
  "manual",
  "scheduled",
  "webhook",
  "retry",
]);

export const syncStatusEnum = pgEnum("sync_status", [
  "running",
  "waiting_mfa",
  "succeeded",
  "rate_limited",
  "failed",
]);

export const transactionSourceEnum = pgEnum("transaction_source", ["sync", "file", "manual"]);

export const eventLevelEnum = pgEnum("event_level", ["info", "warning", "error", "user_action"]);
