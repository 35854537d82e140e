/**
 * The built-in engine's delivery timer: webhook retries are minutes apart, far shorter
 * than the twelve-hour synchronization pass, so due deliveries are sent every few seconds
 * (a slow endpoint does not let passes pile up).
 */
import type { Db } from "@/db/client";
import { repeatEvery } from "@/lib/background/repeat";
import { deliverDueWebhooks } from "./deliver";

export const DELIVERY_TICK_MS = 15_000;

export function startWebhookDeliveryTimer(db: Db, intervalMs = DELIVERY_TICK_MS): { stop: () => void } {
  return repeatEvery(intervalMs, "[webhooks] the delivery pass", () => deliverDueWebhooks(db));
}
