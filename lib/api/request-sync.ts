/**
 * "Request a sync" from the API: the one place the REST API starts a synchronization.
 * It asks lib/background/dispatch to queue the account's connection (the same refusals as
 * "Fetch Transactions", under the name of the admin who created the key) and answers at
 * once with the run the background engine carries out, for the client to poll.
 */
import "server-only";
import type { Db } from "@/db/client";
import type { DispatchDeps } from "@/lib/background/dispatch";
import { getBankAccount } from "@/lib/bank-accounts/queries";
import { englishText } from "@/lib/i18n/stored-message";
import { queueFetchForAccount } from "@/lib/sync/fetch-account";
import type { ApiCaller } from "./authenticate";
import { problemResponse } from "./problem";
import { apiRun } from "./reads";
import { syncRunSchema } from "./schemas";

export async function requestAccountSync(deps: DispatchDeps & { db: Db }, caller: ApiCaller, bankAccountId: string): Promise<Response> {
  if (!(await getBankAccount(deps.db, caller.companyId, bankAccountId))) return problemResponse("not-found", 404, "No such bank account in this company.");
  const queued = await queueFetchForAccount(deps, { companyId: caller.companyId, userId: caller.userId }, { bankAccountId });
  if ("refused" in queued) {
    const { refused } = queued;
    if (refused.errorCode === "call_budget" && refused.retryAfter) {
      const seconds = Math.max(1, Math.ceil((refused.retryAfter.getTime() - Date.now()) / 1000));
      return problemResponse("rate-limited", 429, refused.message, { headers: { "Retry-After": String(seconds) } });
    }
    return problemResponse("conflict", 409, refused.message);
  }
  if ("refusal" in queued) return problemResponse("conflict", 409, englishText(queued.refusal));
  const run = syncRunSchema.parse(await apiRun(deps.db, caller.companyId, queued.runId));
  return Response.json(run, { status: 202, headers: { Location: `/api/v1/runs/${run.id}`, "Cache-Control": "no-store" } });
}
