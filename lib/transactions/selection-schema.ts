/** The zod shape of "these transactions of this account", as a form posts it (one `transactionId` per ticked line). */
import { z } from "zod";
import type { StoredMessageKey } from "@/lib/i18n/stored-message";

export const MAX_SELECTION = 1_000;

const UNKNOWN_LINE = "refusals.unknownLine" satisfies StoredMessageKey;

export const selectionSchema = z.object({
  bankAccountId: z.string().uuid("refusals.unknownBankAccount" satisfies StoredMessageKey),
  // The length is checked before any id is parsed, so a flood of junk ids costs nothing;
  // an id that is not a line number gets a sentence, not zod's default text.
  transactionIds: z
    .array(z.unknown())
    .min(1, "refusals.selectAtLeastOne" satisfies StoredMessageKey)
    .max(MAX_SELECTION, "refusals.selectAtMost" satisfies StoredMessageKey)
    .pipe(z.array(z.string(UNKNOWN_LINE).regex(/^[1-9][0-9]{0,15}$/, UNKNOWN_LINE).transform(Number).refine(Number.isSafeInteger, UNKNOWN_LINE))),
});

export function selectionFrom(formData: FormData) {
  return { bankAccountId: formData.get("bankAccountId"), transactionIds: formData.getAll("transactionId") };
}

/** What an action on a selection tells the page, in the reader's language. */
export type SelectionActionState = { status: "idle" | "done" | "error"; message: string | null };
