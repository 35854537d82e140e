/** The zod shape of "Not a duplicate" as a group's form posts it (one `transactionId` per line of the group). */
import { z } from "zod";
import { DUPLICATE_REASONS } from "./reasons";

/** Every pair of the group is stored, so a group's size is kept modest. */
export const MAX_GROUP_LINES = 50;

export const notDuplicateSchema = z.object({
  bankAccountId: z.string().uuid("Unknown bank account."),
  reason: z.enum(DUPLICATE_REASONS, { error: "Unknown reason." }),
  transactionIds: z
    .array(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER))
    .min(2, "A group has at least two transactions.")
    .max(MAX_GROUP_LINES, `A group of more than ${MAX_GROUP_LINES} transactions cannot be marked at once. Delete the real duplicates first.`),
});

export function notDuplicateFrom(formData: FormData) {
  return { bankAccountId: formData.get("bankAccountId"), reason: formData.get("reason"), transactionIds: formData.getAll("transactionId") };
}
