/**
 * The built-in engine's sweep for deliveries answered but never handled (leftovers.ts):
 * every minute, so one is handled within minutes of a restart rather than at the next
 * twelve-hour pass.
 */
import type { Db } from "@/db/client";
import { handOnLeftoverWebhooks } from "./leftovers";

export const LEFTOVER_SWEEP_MS = 60_000;

export function startLeftoverWebhookTimer(db: Db, intervalMs = LEFTOVER_SWEEP_MS): { stop: () => void } {
  let running = false;
  const timer = setInterval(async () => {
    // A sweep that runs syncs may outlast the interval: sweeps never overlap.
    if (running) return;
    running = true;
    try {
      await handOnLeftoverWebhooks({ db }, { now: new Date() });
    } catch (error) {
      console.error("[webhooks] the sweep for unhandled deliveries failed", error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
