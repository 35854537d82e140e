/**
 * How a bank's CSV export maps onto a transaction: which column holds what, the date
 * format and decimal mark. Chosen in the mapping step, checked on the server, and
 * remembered on the bank account for its next import.
 */
import { z } from "zod";
import { CSV_DATE_FORMATS } from "./values";

const column = z.number().int().min(0).max(499).nullable();

export const csvMappingSchema = z
  .object({
    delimiter: z.enum(["", ",", ";", "\t", "|"]).default(""),
    hasHeader: z.boolean().default(true),
    dateColumn: z.number({ error: "Choose the date column." }).int().min(0).max(499),
    dateFormat: z.enum(CSV_DATE_FORMATS),
    amountMode: z.enum(["single", "debitCredit"]),
    amountColumn: column.default(null),
    debitColumn: column.default(null),
    creditColumn: column.default(null),
    decimalSeparator: z.enum([".", ","]),
    descriptionColumn: column.default(null),
    partnerColumn: column.default(null),
    referenceColumn: column.default(null),
    currencyColumn: column.default(null),
    // Rows to leave out, e.g. the "Umsatz vorgemerkt" (pending) rows of a Sparkasse export.
    skipColumn: column.default(null),
    skipValue: z.string().trim().max(200).default(""),
    // Lines whose currency column differs from the account's are left out instead of refusing the file.
    skipOtherCurrencies: z.boolean().default(false),
  })
  .superRefine((mapping, ctx) => {
    if (mapping.amountMode === "single" && mapping.amountColumn === null) {
      ctx.addIssue({ code: "custom", path: ["amountColumn"], message: "Choose the amount column." });
    }
    if (mapping.amountMode === "debitCredit" && (mapping.debitColumn === null || mapping.creditColumn === null)) {
      ctx.addIssue({ code: "custom", path: ["debitColumn"], message: "Choose both the debit and the credit column." });
    }
    if (mapping.skipOtherCurrencies && mapping.currencyColumn === null) {
      ctx.addIssue({ code: "custom", path: ["currencyColumn"], message: "Choose the currency column to skip lines in other currencies." });
    }
  });

export type CsvMapping = z.infer<typeof csvMappingSchema>;
