/** GET /api/v1/transactions */
import { db } from "@/db/client";
import { operations } from "@/lib/api/operations";
import { apiTransactionPage } from "@/lib/api/reads";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute(operations.listTransactions, async ({ caller, query }) => apiTransactionPage(db, caller.companyId, query));
