import { formatUtcMinute } from "@/lib/dates";

type Run = {
  id: string; trigger: string; status: string; startedAt: Date; finishedAt: Date | null; fetched: number; inserted: number;
  skipped: number; possibleDuplicates: number; errorMessage: string | null; errorReference: string | null; institution?: string | null;
};

const TRIGGERS: Record<string, string> = { first_sync: "First sync", manual: "Fetch Transactions", scheduled: "Schedule", webhook: "Provider webhook", retry: "Retry" };
const OUTCOMES: Record<string, string> = { running: "Running", waiting_mfa: "Waiting for security code", succeeded: "Succeeded", rate_limited: "Rate limited", failed: "Failed" };

function duration(run: Run): string {
  if (!run.finishedAt) return "—";
  const seconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds / 60)} min`;
}

/** The sync runs of a connection, or of the whole company ("Past synchronizations"). */
export function RunsTable({ runs, showInstitution = false }: { runs: Run[]; showInstitution?: boolean }) {
  if (runs.length === 0) return <p className="mt-2 text-sm text-slate-600">No synchronization yet.</p>;
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-3">Started</th>
            {showInstitution && <th className="pr-3">Institution</th>}
            <th className="pr-3">Trigger</th><th className="pr-3">Duration</th><th className="pr-3 text-right">Fetched</th>
            <th className="pr-3 text-right">Inserted</th><th className="pr-3 text-right">Skipped</th><th className="pr-3 text-right">Possible duplicates</th><th>Outcome</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="border-b border-slate-100 align-top *:py-2">
              <td className="pr-3 whitespace-nowrap">{formatUtcMinute(run.startedAt)}</td>
              {showInstitution && <td className="pr-3">{run.institution ?? "Deleted connection"}</td>}
              <td className="pr-3">{TRIGGERS[run.trigger] ?? run.trigger}</td>
              <td className="pr-3">{duration(run)}</td>
              <td className="pr-3 text-right tabular-nums">{run.fetched}</td>
              <td className="pr-3 text-right tabular-nums">{run.inserted}</td>
              <td className="pr-3 text-right tabular-nums">{run.skipped}</td>
              <td className="pr-3 text-right tabular-nums">{run.possibleDuplicates}</td>
              <td>
                <span className={run.status === "failed" ? "text-red-700" : run.status === "succeeded" ? "text-emerald-700" : "text-amber-700"}>{OUTCOMES[run.status] ?? run.status}</span>
                {run.errorMessage && <div className="text-xs text-slate-600">{run.errorMessage}{run.errorReference && <> · <code>{run.errorReference}</code></>}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
