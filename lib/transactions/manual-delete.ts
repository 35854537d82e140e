/**
 * "Delete" on the account page (a deletion by hand, as opposed to Find Duplicate
 * Transactions): the form's zod shape, shared by the confirmation panel and the server
 * action, and the reason recorded in transaction_deletions and the account's log.
 */
import { z } from "zod";
import { MAX_SELECTION, selectionSchema } from "./selection-schema";

export const MAX_DELETE_REASON_LENGTH = 300;

/** What transaction_deletions.reason says for a deletion by hand; the duplicate tool records "Find Duplicate Transactions". */
export const MANUAL_DELETION = "Deleted by hand";

const unknownLine = "A selected transaction was not understood. Reload the page and select again.";

export const manualDeleteSchema = selectionSchema.extend({
  // The length is checked before any id is parsed, so a flood of junk ids costs nothing.
  transactionIds: z
    .array(z.unknown())
    .min(1, "Select at least one transaction.")
    .max(MAX_SELECTION, `Select at most ${MAX_SELECTION} transactions at a time.`)
    .pipe(z.array(z.string(unknownLine).regex(/^[1-9][0-9]{0,15}$/, unknownLine).transform(Number).refine(Number.isSafeInteger, unknownLine))),
  reason: z.string("The reason must be text.").trim().max(MAX_DELETE_REASON_LENGTH, `The reason is limited to ${MAX_DELETE_REASON_LENGTH} characters.`),
});

export function manualDeletionReason(reason: string): string {
  return reason ? `${MANUAL_DELETION}: ${reason}` : MANUAL_DELETION;
}
