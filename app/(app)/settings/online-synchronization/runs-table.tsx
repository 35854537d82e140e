import { useLocale, useTranslations } from "next-intl";
import { formatUtcMinute } from "@/lib/dates";
import { showStored } from "@/lib/i18n/stored-message";

type Run = {
  id: string; trigger: string; status: string; startedAt: Date; finishedAt: Date | null; fetched: number; inserted: number;
  skipped: number; possibleDuplicates: number; errorMessage: string | null; errorKey: string | null; errorParams: unknown; errorReference: string | null; institution?: string | null;
};

const TRIGGERS = ["first_sync", "manual", "scheduled", "webhook", "retry"] as const;
const OUTCOMES = ["running", "waiting_mfa", "succeeded", "rate_limited", "failed"] as const;

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** The sync runs of a connection, or of the whole company ("Past synchronizations"). */
export function RunsTable({ runs, showInstitution = false }: { runs: Run[]; showInstitution?: boolean }) {
  const t = useTranslations("runsTable");
  const locale = useLocale();
  const duration = (run: Run) => {
    if (!run.finishedAt) return "—";
    const seconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
    return seconds < 60 ? t("seconds", { seconds: seconds.toFixed(1) }) : t("minutes", { minutes: Math.round(seconds / 60) });
  };
  if (runs.length === 0) return <p className="mt-2 text-sm text-slate-600">{t("none")}</p>;
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-3">{t("started")}</th>
            {showInstitution && <th className="pr-3">{t("institution")}</th>}
            <th className="pr-3">{t("trigger")}</th><th className="pr-3">{t("duration")}</th><th className="pr-3 text-right">{t("fetched")}</th>
            <th className="pr-3 text-right">{t("inserted")}</th><th className="pr-3 text-right">{t("skipped")}</th><th className="pr-3 text-right">{t("possibleDuplicates")}</th><th>{t("outcome")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="border-b border-slate-100 align-top *:py-2">
              <td className="pr-3 whitespace-nowrap">{formatUtcMinute(run.startedAt)}</td>
              {showInstitution && <td className="pr-3">{run.institution ?? t("deletedConnection")}</td>}
              <td className="pr-3">{isOneOf(TRIGGERS, run.trigger) ? t(`triggers.${run.trigger}`) : run.trigger}</td>
              <td className="pr-3">{duration(run)}</td>
              <td className="pr-3 text-right tabular-nums">{run.fetched}</td>
              <td className="pr-3 text-right tabular-nums">{run.inserted}</td>
              <td className="pr-3 text-right tabular-nums">{run.skipped}</td>
              <td className="pr-3 text-right tabular-nums">{run.possibleDuplicates}</td>
              <td>
                <span className={run.status === "failed" ? "text-red-700" : run.status === "succeeded" ? "text-emerald-700" : "text-amber-700"}>{isOneOf(OUTCOMES, run.status) ? t(`outcomes.${run.status}`) : run.status}</span>
                {run.errorMessage && <div className="text-xs text-slate-600">{showStored({ text: run.errorMessage, key: run.errorKey, params: run.errorParams }, locale)}{run.errorReference && <> · <code>{run.errorReference}</code></>}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
