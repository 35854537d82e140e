/** "Export CSV": the account's transactions matching the page's filters, streamed as CSV. */
import type { NextRequest } from "next/server";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { getBankAccount } from "@/lib/bank-accounts/queries";
import { toIsoDate } from "@/lib/dates";
import { storedMessage } from "@/lib/i18n/stored-message";
import { transactionsCsvStream } from "@/lib/transactions/csv";
import { parseTransactionFilter } from "@/lib/transactions/query-params";
import { plainRefusal } from "../plain-refusal";

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const membership = await currentMembership();
  if (!membership) return plainRefusal(storedMessage("refusals.signInToExportCsv"), 401);
  const { id } = await params;
  const account = await getBankAccount(db, membership.companyId, id);
  if (!account) return plainRefusal(storedMessage("refusals.noSuchBankAccount"), 404);

  const filter = parseTransactionFilter(request.nextUrl.searchParams);
  const stream = transactionsCsvStream(db, { companyId: membership.companyId, bankAccountId: account.id }, filter);
  const name = account.name.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="transactions-${name}-${toIsoDate(new Date())}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
