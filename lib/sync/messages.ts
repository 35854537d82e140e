/** The connection-log sentences of a sync run about one account, and the label of what started a run. */
import { pendingDroppedWithNoteMessage, pendingPostedMessage } from "@/lib/pending/log";
import type { DroppedWithNote } from "@/lib/pending/record";
import type { SyncTrigger } from "./run";

export function triggerLabel(trigger: SyncTrigger): string {
  return { first_sync: "first synchronization", manual: "Fetch Transactions", scheduled: "automatic, every 12 hours", webhook: "bank notification", retry: "retry" }[trigger];
}

export function accountNotListedMessage(accountName: string): string {
  return `${accountName}: the bank no longer lists this account; nothing was fetched for it.`;
}

export function historyLimitMessage(accountName: string, institutionName: string, maxHistoryDays: number, from: string): string {
  return `${accountName}: ${institutionName} keeps only ${maxHistoryDays} days of history, so transactions before ${from} were not fetched. Import older history from a bank statement file.`;
}

export function withdrawnMessage(accountName: string, removed: number): string {
  return `${accountName}: the bank withdrew ${removed} transaction(s) we had already imported. They are kept and flagged for review.`;
}

export function correctionMessage(accountName: string, corrected: number, reconciledChanged: number): string {
  const parts = [];
  if (corrected > 0) parts.push(`the bank corrected ${corrected} transaction(s); they now show the bank's values`);
  if (reconciledChanged > 0) parts.push(`${reconciledChanged} reconciled transaction(s) changed at the bank and were kept as reconciled: check them`);
  return `${accountName}: ${parts.join("; ")}.`;
}

export function pendingPostedLogMessage(accountName: string, linked: number): string {
  return `${accountName}: ${pendingPostedMessage(linked)}`;
}

export function pendingDroppedLogMessage(accountName: string, line: DroppedWithNote): string {
  return `${accountName}: ${pendingDroppedWithNoteMessage(line)}`;
}
