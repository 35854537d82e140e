/** GET /api/v1/accounts */
import { db } from "@/db/client";
import { operations } from "@/lib/api/operations";
import { apiAccounts } from "@/lib/api/reads";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute(operations.listAccounts, async ({ caller }) => ({ data: await apiAccounts(db, caller.companyId) }));
