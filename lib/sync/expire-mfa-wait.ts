/**
 * Gives up a run that waits for the bank's security code: the run ends failed, the
 * connection goes back to active (the next fetch asks again), and the log says why. Both
 * background engines call it: Inngest when its wait for the code times out, the built-in
 * scheduler for waits older than MFA_TIMEOUT_MS.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bankConnections, syncRuns } from "@/db/schema";
import { logConnectionEvent } from "@/lib/connections/log";
import { MFA_TIMEOUT_MS } from "./run-sync";

export type MfaWaitEnd = "timeout" | "too_many_codes";

const MINUTES = Math.round(MFA_TIMEOUT_MS / 60_000);

const ENDINGS: Record<MfaWaitEnd, { errorCode: string; errorMessage: string; log: string }> = {
  timeout: {
    errorCode: "mfa_timeout",
    errorMessage: `The security code was not entered within ${MINUTES} minutes.`,
    log: `The security code was not entered within ${MINUTES} minutes; the synchronization was cancelled. Fetch Transactions to try again.`,
  },
  too_many_codes: {
    errorCode: "mfa_rejected",
    errorMessage: "The bank did not accept the security codes entered.",
    log: "The bank did not accept the security codes entered; the synchronization was cancelled. Fetch Transactions to try again.",
  },
};

/**
 * Ends the connection's run that waits for a code (only `runId`, when given). Does nothing
 * and returns `expired: false` when no such run waits any more, e.g. the code was entered.
 */
export async function expireMfaWait(
  db: Db,
  input: { companyId: string; connectionId: string; runId?: string | null; now: Date; reason?: MfaWaitEnd },
): Promise<{ expired: boolean; runId: string | null }> {
  const ending = ENDINGS[input.reason ?? "timeout"];
  return db.transaction(async (tx) => {
    const [run] = await tx
      .update(syncRuns)
      .set({ status: "failed", finishedAt: input.now, errorCode: ending.errorCode, errorMessage: ending.errorMessage })
      .where(
        and(
          eq(syncRuns.companyId, input.companyId),
          eq(syncRuns.connectionId, input.connectionId),
          eq(syncRuns.status, "waiting_mfa"),
          input.runId ? eq(syncRuns.id, input.runId) : undefined,
        ),
      )
      .returning({ id: syncRuns.id });
    if (!run) return { expired: false, runId: null };
    await tx
      .update(bankConnections)
      .set({ state: "active", updatedAt: input.now })
      .where(and(eq(bankConnections.id, input.connectionId), eq(bankConnections.state, "waiting_mfa")));
    await logConnectionEvent(tx, {
      companyId: input.companyId, connectionId: input.connectionId, syncRunId: run.id, level: "warning", message: ending.log,
    });
    return { expired: true, runId: run.id };
  });
}
