/** The zod shape of the account page's "Opening balance" form. */
import { z } from "zod";

export const openingBalanceSchema = z.object({
  bankAccountId: z.string().uuid("Unknown bank account."),
  amount: z.string().trim().regex(/^-?\d{1,15}(\.\d{1,4})?$/, "Enter an amount such as 1250.00 or -80.50."),
});
