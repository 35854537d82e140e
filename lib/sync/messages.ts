/**
 * The connection-log sentences of a sync run about one account, as catalogue messages
 * (lib/i18n/stored-message) so each reader sees them in their language.
 */
import type { DroppedWithNote } from "@/lib/pending/record";
import { moneyParam, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";

export function accountNotListedMessage(accountName: string): StoredMessage {
  return storedMessage("accountNotListed", { account: accountName });
}

export function historyLimitMessage(accountName: string, institutionName: string, maxHistoryDays: number, from: string): StoredMessage {
  return storedMessage("historyLimit", { account: accountName, institution: institutionName, days: maxHistoryDays, fromDate: from });
}

export function withdrawnMessage(accountName: string, removed: number): StoredMessage {
  return storedMessage("withdrawn", { account: accountName, removed });
}

export function correctionMessage(accountName: string, corrected: number, reconciledChanged: number): StoredMessage {
  const key = corrected > 0 && reconciledChanged > 0 ? "correctedAndReconciledChanged" : corrected > 0 ? "corrected" : "reconciledChanged";
  return storedMessage(key, { account: accountName, corrected, reconciledChanged });
}

/** Pending lines that posted during the sync. */
export function pendingPostedLogMessage(accountName: string, linked: number): StoredMessage {
  return storedMessage("connections.pendingPosted", { account: accountName, count: linked });
}

/** A pending line with the user's note dropped without a booked line to carry it. */
export function pendingDroppedLogMessage(accountName: string, line: DroppedWithNote): StoredMessage {
  return storedMessage("connections.pendingDroppedWithNote", {
    account: accountName, bookingDate: line.bookingDate, description: line.description, amountMoney: moneyParam(line.amount, line.currency),
  });
}
