/** The zod shape of "these transactions of this account", as a form posts it (one `transactionId` per ticked line). */
import { z } from "zod";

export const MAX_SELECTION = 1_000;

export const selectionSchema = z.object({
  bankAccountId: z.string().uuid("Unknown bank account."),
  transactionIds: z
    .array(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER))
    .min(1, "Select at least one transaction.")
    .max(MAX_SELECTION, `Select at most ${MAX_SELECTION} transactions at a time.`),
});

export function selectionFrom(formData: FormData) {
  return { bankAccountId: formData.get("bankAccountId"), transactionIds: formData.getAll("transactionId") };
}

/** What an action on a selection tells the page. */
export type SelectionActionState = { status: "idle" | "done" | "error"; message: string | null };
