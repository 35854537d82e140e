/**
 * Deliveries recorded and answered but never handled: the process stopped (or its work
 * after the answer failed) between the 202 and that work. Each stays in webhook_events
 * with no processed_at, with its kind and its connection reference, so it is handed on
 * again, as if it had just arrived, once it is older than any normal wait. Handling marks
 * a delivery only once (process.ts), so a late first attempt and this one never both
 * write its notice. The built-in engine sweeps on its timer (leftovers-timer.ts), Inngest
 * with its `webhook-leftovers` function.
 */
import { and, asc, eq, isNotNull, isNull, lt } from "drizzle-orm";
import { bankConnections, webhookEvents } from "@/db/schema";
import type { Db } from "@/db/client";
import { withAdvisoryLock } from "@/lib/background/advisory-lock";
import type { DispatchDeps } from "@/lib/background/dispatch";
import { PROVIDER_WEBHOOK_KINDS, type ProviderWebhookKind } from "@/lib/providers/types";
import { handOnWebhook, type HandedOnWebhook } from "./process";

/** Far longer than a busy process takes to handle what it has answered. */
export const LEFTOVER_AFTER_MS = 5 * 60_000;
/** At most this many per sweep; the next sweep takes the rest. */
const PER_SWEEP = 200;

const asKind = (value: string | null): ProviderWebhookKind => PROVIDER_WEBHOOK_KINDS.find((kind) => kind === value) ?? "other";

/**
 * The oldest deliveries left unhandled for longer than `olderThanMs`. Both engines' sweeps
 * take them from here: the built-in one below, and Inngest's `webhook-leftovers`, which
 * sends each as the `bank/webhook.received` its first hand-on would have sent.
 */
export async function findLeftoverWebhooks(db: Db, options: { now: Date; olderThanMs?: number }): Promise<HandedOnWebhook[]> {
  const before = new Date(options.now.getTime() - (options.olderThanMs ?? LEFTOVER_AFTER_MS));
  const leftovers = await db
    .select({ id: webhookEvents.id, provider: webhookEvents.provider, kind: webhookEvents.kind, connectionId: bankConnections.id, companyId: bankConnections.companyId })
    .from(webhookEvents)
    .leftJoin(bankConnections, and(eq(bankConnections.provider, webhookEvents.provider), eq(bankConnections.providerRefHash, webhookEvents.providerConnectionRef)))
    // A delivery recorded before kinds were (migration 0028) has none to act on: it stays as
    // it was, rather than being marked handled as "other" without its work done.
    .where(and(isNull(webhookEvents.processedAt), isNotNull(webhookEvents.kind), lt(webhookEvents.receivedAt, before)))
    .orderBy(asc(webhookEvents.receivedAt))
    .limit(PER_SWEEP);
  return leftovers.map((row) => ({ provider: row.provider, webhookEventId: row.id, kind: asKind(row.kind), connectionId: row.connectionId, companyId: row.companyId }));
}

/**
 * The built-in engine's sweep: hands on, in this process, the leftovers findLeftoverWebhooks
 * finds; returns how many. One app process sweeps at a time (an advisory lock; another finds
 * it taken and hands on none), so two never act on the same delivery, whose sign-in notice
 * would then be recorded twice.
 */
export async function handOnLeftoverWebhooks(deps: DispatchDeps, options: { now: Date; olderThanMs?: number }): Promise<number> {
  const swept = await withAdvisoryLock(deps.db, "webhooks:leftovers", async () => {
    const leftovers = await findLeftoverWebhooks(deps.db, options);
    // One at a time: a sync runs inside its hand-on, and the deliveries may name many connections.
    for (const leftover of leftovers) await handOnWebhook(deps, leftover);
    return leftovers.length;
  });
  return swept.acquired ? swept.value : 0;
}
