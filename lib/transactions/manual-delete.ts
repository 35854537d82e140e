/**
 * "Delete" on the account page (a deletion by hand, as opposed to Find Duplicate
 * Transactions): the form's zod shape, shared by the confirmation panel and the server
 * action, and the reason recorded in transaction_deletions and the account's log.
 */
import { z } from "zod";
import type { StoredMessageKey } from "@/lib/i18n/stored-message";
import { selectionSchema } from "./selection-schema";

export const MAX_DELETE_REASON_LENGTH = 300;

/** What transaction_deletions.reason says for a deletion by hand; the duplicate tool records "Find Duplicate Transactions". */
export const MANUAL_DELETION = "Deleted by hand";

export const manualDeleteSchema = selectionSchema.extend({
  reason: z.string("refusals.reasonNotText" satisfies StoredMessageKey).trim().max(MAX_DELETE_REASON_LENGTH, "refusals.reasonTooLong" satisfies StoredMessageKey),
});

export function manualDeletionReason(reason: string): string {
  return reason ? `${MANUAL_DELETION}: ${reason}` : MANUAL_DELETION;
}
