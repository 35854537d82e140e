/** POST /api/v1/accounts/{accountId}/sync */
import { db } from "@/db/client";
import { operations } from "@/lib/api/operations";
import { problemResponse } from "@/lib/api/problem";
import { requestAccountSync } from "@/lib/api/request-sync";
import { apiRoute } from "@/lib/api/route";

export const POST = apiRoute(operations.requestSync, async ({ caller, params }) => {
  const result = await requestAccountSync(db, caller, params.accountId);
  return result ?? problemResponse("not-found", 404, "No such bank account in this company.");
});
