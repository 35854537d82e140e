/**
 * When one connection synchronizes on its own next, from the schedule and the facts the
 * fan-out checks (lib/sync/eligible, lib/background/policy): a connection synchronized less
 * than half an interval before a pass, or told by the bank to wait, is left for a later pass.
 */
import { recentlySyncedSince } from "./policy";
import type { Schedule } from "./schedule";

export type ConnectionScheduleFacts = {
  autoSync: boolean;
  /** lib/connections/status shownState. */
  state: string;
  supportsBackgroundRefresh: boolean;
  /** When its newest run started. */
  lastRunStartedAt: Date | null;
  /** The bank's "not before" of its newest run (a refresh limit). */
  retryAfter: Date | null;
};

export type NextSync =
  | { kind: "off" | "manual" | "afterFixed" | "noBackground" | "nextPass" }
  | { kind: "at"; at: Date };

// A connection skipped by more passes than this is waiting for something else than time.
const MAX_PASSES_AHEAD = 1_000;

export function nextSyncOf(schedule: Schedule, connection: ConnectionScheduleFacts): NextSync {
  if (schedule.kind === "off") return { kind: "off" };
  if (!connection.autoSync) return { kind: "manual" };
  if (connection.state !== "active") return { kind: "afterFixed" };
  if (!connection.supportsBackgroundRefresh) return { kind: "noBackground" };
  if (!schedule.nextPassAt) return { kind: "nextPass" };
  for (let pass = 0; pass < MAX_PASSES_AHEAD; pass += 1) {
    const at = new Date(schedule.nextPassAt.getTime() + pass * schedule.intervalMs);
    const syncedRecently = connection.lastRunStartedAt !== null && connection.lastRunStartedAt > recentlySyncedSince(at, schedule.intervalMs);
    const toldToWait = connection.retryAfter !== null && connection.retryAfter > at;
    if (!syncedRecently && !toldToWait) return { kind: "at", at };
  }
  return { kind: "nextPass" };
}
