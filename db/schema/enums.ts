/** PostgreSQL enums shared by several tables. */
import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["admin", "user"]);

/**
 * The link's own state: whether we may talk to the bank at all. The outcome of the
 * last sync is not stored here; it is read from the newest sync run.
 */
export const connectionStateEnum = pgEnum("connection_state", [
  "pending", // created, consent not completed yet
  "selecting_accounts", // consent given, accounts not chosen yet
  "active",
  "waiting_mfa", // a run is paused until the user types the security code
  "error", // the bank needs the user (credentials, consent expired)
  "disconnected", // revoked, or a connection attempt that failed
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
