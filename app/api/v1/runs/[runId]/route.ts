/** GET /api/v1/runs/{runId} */
import { db } from "@/db/client";
import { operations } from "@/lib/api/operations";
import { problemResponse } from "@/lib/api/problem";
import { apiRun } from "@/lib/api/reads";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute(operations.getRun, async ({ caller, params }) => {
  const run = await apiRun(db, caller.companyId, params.runId);
  return run ?? problemResponse("not-found", 404, "No such synchronization run in this company.");
});
