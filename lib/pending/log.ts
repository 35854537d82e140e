import { formatMoney } from "@/lib/money";
import type { DroppedWithNote } from "./record";

/** The connection log's line when pending lines posted during a sync. */
export function pendingPostedMessage(count: number): string {
  return count === 1 ? "1 pending transaction posted." : `${count} pending transactions posted.`;
}

/** The connection log's warning when a pending line with the user's note was dropped without a booked line to carry it. */
export function pendingDroppedWithNoteMessage(line: DroppedWithNote): string {
  return `The bank no longer lists the pending transaction of ${line.bookingDate} "${line.description}" (${formatMoney(line.amount, line.currency)}) `
    + "and no booked transaction could be linked to it for sure. Your note is kept on the account page: attach it to the booked transaction there.";
}
