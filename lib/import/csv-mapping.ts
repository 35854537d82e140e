/**
 * How a bank's CSV export maps onto a transaction: which column holds what, the date
 * format and decimal mark. Chosen in the mapping step, checked on the server, and
 * remembered on the bank account for its next import.
 */
import { z } from "zod";
import { storedMessage, type StoredMessage, type StoredMessageKey } from "@/lib/i18n/stored-message";
import { CSV_DATE_FORMATS } from "./values";

// The schema's own messages are catalogue keys: the mapping form and the upload's refusal
// show them in the reader's language (csvMappingProblem).
const PROBLEMS = {
  date: "statementFile.mapping.chooseDate",
  amount: "statementFile.mapping.chooseAmount",
  debitCredit: "statementFile.mapping.chooseDebitCredit",
  currency: "statementFile.mapping.chooseCurrency",
} as const satisfies Record<string, StoredMessageKey>;

const column = z.number().int().min(0).max(499).nullable();

export const csvMappingSchema = z
  .object({
    delimiter: z.enum(["", ",", ";", "\t", "|"]).default(""),
    hasHeader: z.boolean().default(true),
    dateColumn: z.number({ error: PROBLEMS.date }).int().min(0).max(499),
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
      ctx.addIssue({ code: "custom", path: ["amountColumn"], message: PROBLEMS.amount });
    }
    if (mapping.amountMode === "debitCredit" && (mapping.debitColumn === null || mapping.creditColumn === null)) {
      ctx.addIssue({ code: "custom", path: ["debitColumn"], message: PROBLEMS.debitCredit });
    }
    if (mapping.skipOtherCurrencies && mapping.currencyColumn === null) {
      ctx.addIssue({ code: "custom", path: ["currencyColumn"], message: PROBLEMS.currency });
    }
  });

export type CsvMapping = z.infer<typeof csvMappingSchema>;

/** What the first problem of a mapping is: one of the schema's own messages, else "incomplete". */
export function csvMappingProblem(error: z.ZodError): StoredMessage {
  const message = error.issues[0]?.message;
  const known = Object.values(PROBLEMS).find((key) => key === message);
  return storedMessage(known ?? "statementFile.mapping.incomplete");
}
