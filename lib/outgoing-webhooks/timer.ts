/**
 * The built-in engine's delivery timer: webhook retries are minutes apart, far shorter
 * than the twelve-hour synchronization pass, so due deliveries are sent every few seconds.
 */
import type { Db } from "@/db/client";
import { deliverDueWebhooks } from "./deliver";

export const DELIVERY_TICK_MS = 15_000;

export function startWebhookDeliveryTimer(db: Db, intervalMs = DELIVERY_TICK_MS): { stop: () => void } {
  let running = false;
  const timer = setInterval(async () => {
    // A slow endpoint must not let ticks pile up.
    if (running) return;
    running = true;
    try {
      await deliverDueWebhooks(db);
    } catch (error) {
      console.error("[webhooks] the delivery pass failed", error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
