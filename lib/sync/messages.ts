/**
 * The connection-log sentences of a sync run about one account, as catalogue messages
 * (lib/i18n/stored-message) so each reader sees them in their language. The pending-line
 * sentences (lib/pending/log) are still English text.
 */
import { pendingDroppedWithNoteMessage, pendingPostedMessage } from "@/lib/pending/log";
import type { DroppedWithNote } from "@/lib/pending/record";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";

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

export function pendingPostedLogMessage(accountName: string, linked: number): string {
  return `${accountName}: ${pendingPostedMessage(linked)}`;
}

export function pendingDroppedLogMessage(accountName: string, line: DroppedWithNote): string {
  return `${accountName}: ${pendingDroppedWithNoteMessage(line)}`;
}
