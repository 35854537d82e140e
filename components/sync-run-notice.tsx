import { and, eq } from "drizzle-orm";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { renderStoredMessage, showStored } from "@/lib/i18n/stored-message";
import { limitedFirstSync } from "@/lib/institutions/limited-history";
import { describeOutcome } from "@/lib/sync/outcome";
import { isUuid } from "@/lib/uuid";
import { LimitedHistoryNotice } from "./limited-history-notice";

/**
 * The outcome of a run the user just started by choosing accounts, read from the run itself:
 * a new connection's first synchronization ("Bank connected"), or the synchronization after
 * Update Credentials or Reconnect on a connection that already had accounts ("Credentials updated").
 */
export async function SyncRunNotice({ companyId, runId }: { companyId: string; runId: string | undefined }) {
  if (!runId || !isUuid(runId)) return null;
  const [run] = await db
    .select({
      status: syncRuns.status, trigger: syncRuns.trigger, inserted: syncRuns.inserted, possibleDuplicates: syncRuns.possibleDuplicates, historyFrom: syncRuns.historyFrom,
      nextRefreshAt: syncRuns.nextRefreshAt, errorMessage: syncRuns.errorMessage, errorKey: syncRuns.errorKey, errorParams: syncRuns.errorParams, errorReference: syncRuns.errorReference,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.companyId, companyId)));
  if (!run) return null;
  const t = await getTranslations("syncRunNotice");
  const credentials = await getTranslations("updateCredentials");
  const locale = await getLocale();
  const ok = run.status === "succeeded";
  const outcome = ok ? renderStoredMessage(describeOutcome({ ...run, status: "succeeded" }), locale) : "";
  const text = !ok
    ? showStored({ text: run.errorMessage, key: run.errorKey, params: run.errorParams }, locale) ?? t("codeNeeded")
    : run.trigger === "first_sync" ? t("connected", { outcome }) : credentials("updated", { outcome });
  const limited = await limitedFirstSync(db, companyId, runId);
  return (
    <>
      <p role="status" className={`mt-4 rounded-md px-3 py-2 text-sm ${ok ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-800"}`}>
        {text}
        {run.errorReference && <span className="ml-2 text-xs">{t("reference", { reference: run.errorReference })}</span>}
      </p>
      {limited && (
        <LimitedHistoryNotice kind="first_sync" institution={limited.institution} historyDays={limited.historyDays} from={limited.historyFrom} accounts={limited.accounts} />
      )}
    </>
  );
}
