/** "Export CSV": the account's transactions matching the page's filters, streamed as CSV. */
import type { NextRequest } from "next/server";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { getBankAccount } from "@/lib/bank-accounts/queries";
import { toIsoDate } from "@/lib/dates";
import { transactionsCsvStream } from "@/lib/transactions/csv";
import { parseTransactionFilter } from "@/lib/transactions/query-params";

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const membership = await currentMembership();
  if (!membership) return new Response("Sign in to export transactions.", { status: 401 });
  const { id } = await params;
  const account = await getBankAccount(db, membership.companyId, id);
  if (!account) return new Response("No such bank account.", { status: 404 });

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
