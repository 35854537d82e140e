/**
 * One account's part of a sync run: its window (lib/sync/window), widened to cover the
 * pending lines still open, read and applied (read-window), then its balance; every
 * notable change gets its line in the connection log.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { checkBalance } from "@/lib/balance/check";
import { logConnectionEvent } from "@/lib/connections/log";
import { rememberAcceptedHistory } from "@/lib/institutions/history-days";
import { windowCoveringPending } from "@/lib/pending/window";
import type { StoredMessage } from "@/lib/i18n/stored-message";
import type { CallMeter, Provider, ProviderAccount } from "@/lib/providers/types";
import {
  accountNotListedMessage, correctionMessage, historyLimitMessage, pendingDroppedLogMessage, pendingPostedLogMessage, withdrawnMessage,
} from "./messages";
import { firstReadHistoryMessage, readWithinBankHistory } from "./bank-history";
import { readAccountWindow } from "./read-window";
import type { RunTotals } from "./run";
import { DEFAULT_OVERLAP_DAYS, syncWindow } from "./window";
import { readWindowFacts } from "./window-facts";

/** maxHistoryDays is lowered during the run when a bank accepts less (read-within-history). */
export type SyncedConnection = {
  companyId: string; connectionId: string; institutionId: string; maxHistoryDays: number; institutionName: string; lockDate: string | null;
};

/** What the account added to the run's totals, and where a first read started. */
export type AccountSyncResult = RunTotals & { historyFrom: string | null };

export async function syncAccount(
  db: Db,
  provider: Provider,
  session: Awaited<ReturnType<Provider["openRefresh"]>>,
  input: {
    connection: SyncedConnection;
    account: { id: string; name: string; providerAccountId: string | null; lastSyncedAt: Date | null };
    providerAccounts: ProviderAccount[];
    runId: string;
    today: string;
    now: () => Date;
    /** Counts each call the bank limits where it is made (lib/call-budget/meter). */
    meter?: CallMeter;
  },
): Promise<AccountSyncResult> {
  const { connection, account, runId, today, now } = input;
  const totals: AccountSyncResult = { fetched: 0, inserted: 0, skipped: 0, possibleDuplicates: 0, historyFrom: null };
  const log = (entry: { message: StoredMessage; level?: "info" | "warning"; bankAccountId?: string }) =>
    logConnectionEvent(db, { companyId: connection.companyId, connectionId: connection.connectionId, syncRunId: runId, ...entry });
  const remote = input.providerAccounts.find((a) => a.providerAccountId === account.providerAccountId);
  if (!remote) {
    await log({ level: "warning", message: accountNotListedMessage(account.name) });
    return totals;
  }
  const facts = await readWindowFacts(db, { bankAccountId: account.id, connectionId: connection.connectionId });
  const window = syncWindow({
    ...facts,
    overlapDays: provider.syncOverlapDays ?? DEFAULT_OVERLAP_DAYS,
    today,
    maxHistoryDays: connection.maxHistoryDays,
    lockDate: connection.lockDate,
  });
  if (window?.limitedByHistory && connection.maxHistoryDays < 365) {
    await log({ level: "warning", message: historyLimitMessage(account.name, connection.institutionName, connection.maxHistoryDays, window.from) });
  }
  // A cursor feed says itself what is new, even lines dated on or before our newest one.
  const fetchWindow = await windowCoveringPending(db, {
    bankAccountId: account.id, window: window ?? (provider.cursorAfter ? { from: today, to: today } : null), today, lockDate: connection.lockDate,
  });
  if (fetchWindow) {
    const read = await readWithinBankHistory({ today, window: fetchWindow }, (tried) => readAccountWindow(db, provider, session, {
      bankAccountId: account.id, providerAccountId: remote.providerAccountId, runId, window: tried, lockDate: connection.lockDate, now: now(), meter: input.meter,
    }));
    const counts = read.result;
    if (read.acceptedDays !== null) {
      await rememberAcceptedHistory(db, connection.institutionId, read.acceptedDays);
      // The run's other accounts at this bank ask for what it accepted, not again for more.
      connection.maxHistoryDays = Math.min(connection.maxHistoryDays, read.acceptedDays);
    }
    // The account's first read with nothing imported before it: all the bank offers.
    if (!account.lastSyncedAt && !facts.newestBookingDate) {
      totals.historyFrom = read.window.from;
      await log({
        bankAccountId: account.id,
        message: firstReadHistoryMessage({
          accountName: account.name, institutionName: connection.institutionName, from: read.window.from, today, oldestBooked: counts.oldestBooked, acceptedDays: read.acceptedDays,
        }),
      });
    }
    if (counts.removed > 0) {
      await log({ bankAccountId: account.id, level: "warning", message: withdrawnMessage(account.name, counts.removed) });
    }
    if (counts.corrected > 0 || counts.reconciledChanged > 0) {
      await log({
        bankAccountId: account.id, level: counts.reconciledChanged > 0 ? "warning" : "info",
        message: correctionMessage(account.name, counts.corrected, counts.reconciledChanged),
      });
    }
    if (counts.pendingPosted > 0) {
      await log({ bankAccountId: account.id, message: pendingPostedLogMessage(account.name, counts.pendingPosted) });
    }
    for (const line of counts.pendingDroppedWithNote) {
      await log({ bankAccountId: account.id, level: "warning", message: pendingDroppedLogMessage(account.name, line) });
    }
    totals.fetched += counts.fetched;
    totals.inserted += counts.inserted;
    totals.skipped += counts.skipped;
    totals.possibleDuplicates += counts.possibleDuplicates;
  }
  await db
    .update(bankAccounts)
    .set({
      lastSyncedAt: now(),
      ...(remote.balance ? { balance: remote.balance.amount, balanceAsOf: remote.balance.asOf } : {}),
    })
    .where(eq(bankAccounts.id, account.id));
  if (remote.balance) {
    await checkBalance(db, { companyId: connection.companyId, connectionId: connection.connectionId, syncRunId: runId, bankAccount: account, balance: remote.balance });
  }
  return totals;
}
