/** The statement export as a file: body, media type and download name for one format. */
import "server-only";
import { z } from "zod";
import type { StoredMessageKey } from "@/lib/i18n/stored-message";
import type { Db } from "@/db/client";
import { toIsoDate } from "@/lib/dates";
import { writeCamt053 } from "./camt053";
import { writeOfx } from "./ofx";
import { loadStatementPeriod } from "./period";

const isoDate = z.iso.date({ message: "refusals.exportDateInvalid" satisfies StoredMessageKey });

export const statementExportSchema = z
  .object({
    format: z.enum(["camt053", "ofx"], { message: "refusals.exportFormatInvalid" satisfies StoredMessageKey }),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, { message: "refusals.exportPeriodReversed" satisfies StoredMessageKey, path: ["to"] });

export type StatementExportRequest = z.infer<typeof statementExportSchema>;

export type StatementFile =
  | { ok: true; body: string; contentType: string; fileName: string }
  // CAMT.053 requires balances and we never invent one: the account needs an opening
  // balance or a balance from its bank first (OFX, where the balance is optional, still exports).
  | { ok: false; reason: "balanceUnknown" };

/** The file, or null when the account is not the company's. */
export async function statementFile(
  db: Db,
  scope: { companyId: string; bankAccountId: string },
  request: StatementExportRequest,
  now: Date = new Date(),
): Promise<StatementFile | null> {
  const period = await loadStatementPeriod(db, scope, { from: request.from ?? null, to: request.to ?? null, today: toIsoDate(now) });
  if (!period) return null;
  const name = `${period.account.name.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60)}-${period.from}-${period.to}`;
  if (request.format === "ofx") {
    return { ok: true, body: writeOfx(period, { createdAt: now }), contentType: "application/x-ofx; charset=utf-8", fileName: `statement-${name}.ofx` };
  }
  const { opening, closing } = period;
  if (opening === null || closing === null) return { ok: false, reason: "balanceUnknown" };
  // MsgId is Max35Text: a time stamp and a random suffix keep it unique and short.
  const messageId = `OBS${now.toISOString().replace(/\D/g, "").slice(0, 14)}${crypto.randomUUID().slice(0, 8)}`;
  return {
    ok: true,
    body: writeCamt053({ ...period, opening, closing }, { createdAt: now, messageId }),
    contentType: "application/xml; charset=utf-8",
    fileName: `statement-${name}.camt053.xml`,
  };
}
