/**
 * Starts background work for this server process: nothing when Inngest runs it, else the
 * built-in scheduler. Says in one line which one it is.
 */
import { db } from "@/db/client";
import { isSandboxEnabled } from "@/lib/sandbox/config";
import { startWebhookDeliveryTimer } from "@/lib/outgoing-webhooks/timer";
import { startLeftoverWebhookTimer } from "@/lib/webhooks/leftovers-timer";
import { currentEngine, describeEngine, detectEngine, setCurrentEngine } from "./engine";
import { syncIntervalMs } from "./interval";
import { backgroundWorkOff } from "./switch";
import { startScheduler } from "./scheduler";

const globalForScheduler = globalThis as unknown as { openBankSyncScheduler?: ReturnType<typeof startScheduler> };

export function schedulerTimes(): { lastPassAt: Date | null; nextPassAt: Date | null } {
  const timer = globalForScheduler.openBankSyncScheduler;
  return { lastPassAt: timer?.lastPassAt() ?? null, nextPassAt: timer?.nextPassAt() ?? null };
}

export async function startBackgroundWork(): Promise<void> {
  if (!process.env.DATABASE_URL || backgroundWorkOff()) return;
  // The Sandbox bank announces its new transactions by webhook, like a real aggregator.
  if (isSandboxEnabled()) {
    const { startSandboxNotifier } = await import("@/lib/sandbox/notifier-timer");
    startSandboxNotifier(db);
  }
  setCurrentEngine(await detectEngine());
  const engine = currentEngine();
  if (engine.kind === "inngest") {
    console.log(`[background] ${describeEngine(engine)} runs automatic synchronization.`);
    return;
  }
  if (globalForScheduler.openBankSyncScheduler) return;
  const intervalMs = syncIntervalMs();
  const firstPassAfterMs = Math.min(intervalMs, Number(process.env.SYNC_FIRST_PASS_SECONDS ?? 60) * 1000);
  globalForScheduler.openBankSyncScheduler = startScheduler(db, { intervalMs, firstPassAfterMs });
  startWebhookDeliveryTimer(db);
  // Provider webhooks answered before the process stopped, and not yet handled.
  startLeftoverWebhookTimer(db);
  console.log(`[background] Built-in scheduler (${engine.reason}): automatic synchronization every ${Math.round(intervalMs / 60_000)} minutes.`);
}
