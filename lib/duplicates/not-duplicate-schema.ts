/** The zod shape of "Not a duplicate" as a group's form posts it (one `transactionId` per line of the group). */
import { z } from "zod";
import type { StoredMessageKey } from "@/lib/i18n/stored-message";
import { DUPLICATE_REASONS } from "./reasons";

/** Every pair of the group is stored, so a group's size is kept modest. */
export const MAX_GROUP_LINES = 50;

export const notDuplicateSchema = z.object({
  bankAccountId: z.string().uuid("refusals.unknownBankAccount" satisfies StoredMessageKey),
  reason: z.enum(DUPLICATE_REASONS, { error: "refusals.unknownReason" satisfies StoredMessageKey }),
  transactionIds: z
    .array(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER))
    .min(2, "refusals.groupTooSmall" satisfies StoredMessageKey)
    .max(MAX_GROUP_LINES, "refusals.groupTooLarge" satisfies StoredMessageKey),
});

export function notDuplicateFrom(formData: FormData) {
  return { bankAccountId: formData.get("bankAccountId"), reason: formData.get("reason"), transactionIds: formData.getAll("transactionId") };
}
