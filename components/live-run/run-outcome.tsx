"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/lib/dates";
import type { LiveRun } from "@/lib/sync/run-state";
import { NEEDS_USER_CODES } from "@/lib/sync/outcome";
import { ReconsentButton } from "../reconsent-button";

/** How a run the page watched ended: its counts, or its error with what the user can do about it. */
export function RunOutcome({ run }: { run: LiveRun }) {
  const t = useTranslations("liveRun");
  const locale = useLocale();
  if (run.status === "succeeded") {
    return <p role="status" className="mt-2 text-sm text-emerald-700">{t("succeeded", { inserted: run.inserted, duplicates: run.possibleDuplicates })}</p>;
  }
  if (run.status === "rate_limited") {
    return (
      <p role="status" className="mt-2 text-sm text-amber-700">
        {run.retryAfter ? t("rateLimitedUntil", { at: formatDateTime(new Date(run.retryAfter), locale) }) : t("rateLimited")}
      </p>
    );
  }
  if (run.status === "waiting_mfa") return <p role="status" className="mt-2 text-sm text-amber-700">{t("waitingForCode")}</p>;
  const needsUser = run.errorCode !== null && NEEDS_USER_CODES.includes(run.errorCode);
  return (
    <div role="status" className="mt-2 space-y-1 text-sm text-red-700">
      <p>{run.errorMessage ? t("failed", { message: run.errorMessage }) : t("failedNoMessage")}</p>
      {run.errorReference && <p className="text-xs text-slate-500">{t("reference", { reference: run.errorReference })}</p>}
      {needsUser ? (
        <p className="text-slate-700">{t("needsUser")} <ReconsentButton connectionId={run.connectionId} reason="reconnect" label={t("reconnect")} /></p>
      ) : (
        <p className="text-slate-700">{t("tryAgain")}</p>
      )}
    </div>
  );
}
