import { and, eq } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { describeOutcome } from "@/lib/sync/outcome";
import { isUuid } from "@/lib/uuid";

/** The outcome of a run the user just started (after connecting a bank), read from the run itself. */
export async function SyncRunNotice({ companyId, runId }: { companyId: string; runId: string | undefined }) {
  if (!runId || !isUuid(runId)) return null;
  const [run] = await db
    .select({
      status: syncRuns.status, inserted: syncRuns.inserted, possibleDuplicates: syncRuns.possibleDuplicates, historyFrom: syncRuns.historyFrom, nextRefreshAt: syncRuns.nextRefreshAt,
      errorMessage: syncRuns.errorMessage, errorReference: syncRuns.errorReference,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.companyId, companyId)));
  if (!run) return null;
  const t = await getTranslations("syncRunNotice");
  const ok = run.status === "succeeded";
  const text = ok ? t("connected", { outcome: describeOutcome({ ...run, status: "succeeded" }) }) : run.errorMessage ?? t("codeNeeded");
  return (
    <p role="status" className={`mt-4 rounded-md px-3 py-2 text-sm ${ok ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-800"}`}>
      {text}
      {run.errorReference && <span className="ml-2 text-xs">{t("reference", { reference: run.errorReference })}</span>}
    </p>
  );
}
