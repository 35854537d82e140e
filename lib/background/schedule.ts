/**
 * When automatic synchronization runs on this server, as the pages show it: off (the
 * process was started with BACKGROUND_SYNC=off), or on with its interval and the time of
 * its next pass (the built-in scheduler's timer, or Inngest's twelve-hour cron).
 */
import { currentEngine } from "./engine";
import { DEFAULT_SYNC_INTERVAL_MS, syncIntervalMs } from "./interval";
import { schedulerTimes } from "./start";
import { backgroundWorkOff } from "./switch";

type Env = Record<string, string | undefined>;

export type Schedule = { kind: "off" } | { kind: "on"; intervalMs: number; nextPassAt: Date | null };

/** The next 00:00 or 12:00 UTC after `now`: when Inngest's cron (inngest/functions/scheduled-sync) fires. */
export function nextCronPass(now: Date): Date {
  const next = new Date(now);
  next.setUTCMinutes(0, 0, 0);
  next.setUTCHours(now.getUTCHours() < 12 ? 12 : 24);
  return next;
}

export function currentSchedule(now: Date = new Date(), env: Env = process.env): Schedule {
  if (backgroundWorkOff(env)) return { kind: "off" };
  // Inngest's function passes every DEFAULT_SYNC_INTERVAL_MS whatever SYNC_INTERVAL_MINUTES says.
  if (currentEngine().kind === "inngest") return { kind: "on", intervalMs: DEFAULT_SYNC_INTERVAL_MS, nextPassAt: nextCronPass(now) };
  return { kind: "on", intervalMs: syncIntervalMs(env), nextPassAt: schedulerTimes().nextPassAt };
}
