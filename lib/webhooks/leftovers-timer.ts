/**
 * The built-in engine's sweep for deliveries answered but never handled (leftovers.ts):
 * every minute, so one is handled within minutes of a restart rather than at the next
 * twelve-hour pass (a sweep that runs syncs may outlast the minute: sweeps never overlap).
 */
import type { Db } from "@/db/client";
import { repeatEvery } from "@/lib/background/repeat";
import { handOnLeftoverWebhooks } from "./leftovers";

export const LEFTOVER_SWEEP_MS = 60_000;

export function startLeftoverWebhookTimer(db: Db, intervalMs = LEFTOVER_SWEEP_MS): { stop: () => void } {
  return repeatEvery(intervalMs, "[webhooks] the sweep for unhandled deliveries", () => handOnLeftoverWebhooks({ db }, { now: new Date() }));
}
