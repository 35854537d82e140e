import { and, eq } from "drizzle-orm";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { renderStoredMessage, showStored } from "@/lib/i18n/stored-message";
import { describeOutcome } from "@/lib/sync/outcome";
import { isUuid } from "@/lib/uuid";

/** The outcome of a run the user just started (after connecting a bank), read from the run itself. */
export async function SyncRunNotice({ companyId, runId }: { companyId: string; runId: string | undefined }) {
  if (!runId || !isUuid(runId)) return null;
  const [run] = await db
    .select({
      status: syncRuns.status, inserted: syncRuns.inserted, possibleDuplicates: syncRuns.possibleDuplicates, historyFrom: syncRuns.historyFrom, nextRefreshAt: syncRuns.nextRefreshAt,
      errorMessage: syncRuns.errorMessage, errorKey: syncRuns.errorKey, errorParams: syncRuns.errorParams, errorReference: syncRuns.errorReference,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.companyId, companyId)));
  if (!run) return null;
  const t = await getTranslations("syncRunNotice");
  const locale = await getLocale();
  const ok = run.status === "succeeded";
  const text = ok
    ? t("connected", { outcome: renderStoredMessage(describeOutcome({ ...run, status: "succeeded" }), locale) })
    : showStored({ text: run.errorMessage, key: run.errorKey, params: run.errorParams }, locale) ?? t("codeNeeded");
  return (
    <p role="status" className={`mt-4 rounded-md px-3 py-2 text-sm ${ok ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-800"}`}>
      {text}
      {run.errorReference && <span className="ml-2 text-xs">{t("reference", { reference: run.errorReference })}</span>}
    </p>
  );
}
