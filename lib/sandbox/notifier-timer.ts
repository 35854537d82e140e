/**
 * Runs the Sandbox's webhook announcements on a timer in the app process that serves the
 * Sandbox. An advisory lock keeps two app processes from announcing the same news twice.
 */
import type { Db } from "@/db/client";
import { withAdvisoryLock } from "@/lib/background/advisory-lock";
import { sandboxServerSecrets } from "./config";
import { createDbSandboxStore } from "./db-store";
import { announceNewTransactions } from "./notifier";

const globalForNotifier = globalThis as unknown as { openBankSyncSandboxNotifier?: NodeJS.Timeout };

export function sandboxWebhookIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.SANDBOX_WEBHOOK_INTERVAL_MINUTES ?? 5);
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : 5 * 60_000;
}

export function startSandboxNotifier(db: Db): void {
  if (globalForNotifier.openBankSyncSandboxNotifier) return;
  const context = { store: createDbSandboxStore(db), now: () => new Date(), webhookSecret: sandboxServerSecrets().webhookSecret };
  const pass = async () => {
    try {
      const result = await withAdvisoryLock(db, "sandbox:webhooks", () => announceNewTransactions(context));
      if (result.acquired && result.value.failed > 0) {
        console.warn(`[sandbox] ${result.value.failed} webhook deliveries failed; trying again on the next pass.`);
      }
    } catch (error) {
      console.error("[sandbox] webhook pass failed", error);
    }
  };
  const timer = setInterval(() => void pass(), sandboxWebhookIntervalMs());
  timer.unref();
  globalForNotifier.openBankSyncSandboxNotifier = timer;
}
