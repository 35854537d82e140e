/** The zod shape of the account page's "Opening balance" form. */
import { z } from "zod";
import type { StoredMessageKey } from "@/lib/i18n/stored-message";

export const openingBalanceSchema = z.object({
  bankAccountId: z.string().uuid("refusals.unknownBankAccount" satisfies StoredMessageKey),
  amount: z.string().trim().regex(/^-?\d{1,15}(\.\d{1,4})?$/, "refusals.amountInvalid" satisfies StoredMessageKey),
});
