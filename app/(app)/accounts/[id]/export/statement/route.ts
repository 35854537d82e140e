/** "Export statement": the account's lines in a period as CAMT.053 or OFX, for another ledger. */
import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { statementExportSchema, statementFile } from "@/lib/export/statement-file";
import { issueRefusal } from "@/lib/i18n/refusal";
import { storedMessage } from "@/lib/i18n/stored-message";
import { plainRefusal } from "../../plain-refusal";

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const membership = await currentMembership();
  if (!membership) return plainRefusal(storedMessage("refusals.signInToExport"), 401);
  const { id } = await params;
  const query = request.nextUrl.searchParams;
  const parsed = statementExportSchema.safeParse({
    format: query.get("format") ?? undefined, from: query.get("from") || undefined, to: query.get("to") || undefined,
  });
  if (!parsed.success) return plainRefusal(issueRefusal(parsed.error), 400);
  const file = await statementFile(db, { companyId: membership.companyId, bankAccountId: id }, parsed.data);
  if (!file) return plainRefusal(storedMessage("refusals.noSuchBankAccount"), 404);
  if (!file.ok) return new Response((await getTranslations("statementExport"))("balanceUnknown"), { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
