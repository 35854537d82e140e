/** POST /api/v1/accounts/{accountId}/sync */
import { db } from "@/db/client";
import { operations } from "@/lib/api/operations";
import { requestAccountSync } from "@/lib/api/request-sync";
import { apiRoute } from "@/lib/api/route";

export const POST = apiRoute(operations.requestSync, ({ caller, params }) => requestAccountSync({ db }, caller, params.accountId));
