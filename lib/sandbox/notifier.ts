/**
 * The Sandbox's webhooks when its data changes: each new Sandbox day brings new
 * transactions, and like a real aggregator it tells every connection that asked for
 * webhooks, once per day with news. A delivery that fails is tried again on the next pass.
 */
import { deriveAccounts } from "./accounts";
import type { SandboxContext } from "./context";
import { addDays, dayOf } from "./days";
import { transactionPage } from "./generator";
import { institutionOrThrow } from "./link-api";
import type { SandboxConnection } from "./store";
import { deliverWebhook } from "./webhooks";

const PAGE = 200;

export type AnnouncementContext = Pick<SandboxContext, "store" | "now" | "webhookSecret">;

/** Accounts of the connection with a transaction booked after the last announced day. */
function accountsWithNews(connection: SandboxConnection, today: string): string[] {
  const institution = institutionOrThrow(connection.institutionId);
  const from = connection.notifiedThrough ? addDays(connection.notifiedThrough, 1) : today;
  return deriveAccounts(institution, connection.username, connection.accountType)
    .filter((account) => connection.accountIds.includes(account.id))
    .filter((account) => transactionPage({ account, institution, today, from, to: today, after: null, limit: 1 }).transactions.length > 0)
    .map((account) => account.id);
}

export async function announceNewTransactions(context: AnnouncementContext): Promise<{ announced: number; failed: number }> {
  const now = context.now();
  const today = dayOf(now);
  let announced = 0;
  let failed = 0;
  for (const connection of await context.store.listConnectionsToAnnounce(today, PAGE)) {
    const accountIds = accountsWithNews(connection, today);
    if (accountIds.length > 0) {
      const delivery = await deliverWebhook({
        url: connection.webhookUrl!,
        secret: context.webhookSecret,
        at: now,
        event: { type: "transactions.available", connection_id: connection.id, account_ids: accountIds },
      });
      if (!delivery.delivered) {
        failed += 1;
        continue;
      }
      announced += 1;
    }
    await context.store.updateConnection(connection.id, { notifiedThrough: today, updatedAt: now });
  }
  return { announced, failed };
}
