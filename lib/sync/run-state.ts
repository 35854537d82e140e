/** A sync run as the browser watches it (components/live-run); no database here, so client code may import it. */

/** One run as the browser receives it (dates as ISO strings, so it survives JSON). */
export type LiveRun = {
  connectionId: string;
  runId: string;
  status: "running" | "waiting_mfa" | "succeeded" | "rate_limited" | "failed";
  startedAt: string;
  finishedAt: string | null;
  inserted: number;
  possibleDuplicates: number;
  errorCode: string | null;
  errorMessage: string | null;
  errorReference: string | null;
  retryAfter: string | null;
};

/** Whether the run has not ended yet, so the page keeps watching it (one waiting for a code has stopped until the user acts). */
export function isRunOpen(run: Pick<LiveRun, "status"> | null): boolean {
  return run?.status === "running";
}
