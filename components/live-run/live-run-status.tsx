"use client";

import { useTranslations } from "next-intl";
import { RunOutcome } from "./run-outcome";
import { useLiveRun } from "./use-live-run";

/**
 * "Synchronizing…" while the connection's run goes on, then how it ended, with no reload.
 * For places without a Fetch Transactions button (that button watches runs itself).
 * Renders nothing when no run was open at render time and none was watched since.
 */
export function LiveRunStatus({ connectionId, running }: { connectionId: string; running: boolean }) {
  const t = useTranslations("liveRun");
  const live = useLiveRun(connectionId, running);
  if (live.watching) return <p role="status" className="mt-1 text-sm text-slate-600">{t("running")}</p>;
  return live.ended ? <RunOutcome run={live.ended} /> : null;
}
