import { desc, eq, and } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { currentEngine } from "@/lib/background/engine";
import { syncIntervalMs } from "@/lib/background/interval";
import { schedulerTimes } from "@/lib/background/start";
import { formatUtcMinute } from "@/lib/dates";

const utc = (date: Date | null) => (date ? formatUtcMinute(date) : "—");

/**
 * Which engine runs automatic synchronization, and when it last and next runs. How to move
 * it to Inngest (environment variables) is shown in developer mode only.
 */
export async function BackgroundSection({ companyId, developerMode }: { companyId: string; developerMode: boolean }) {
  const engine = currentEngine();
  const times = schedulerTimes();
  const [lastScheduled] = await db
    .select({ startedAt: syncRuns.startedAt })
    .from(syncRuns)
    .where(and(eq(syncRuns.companyId, companyId), eq(syncRuns.trigger, "scheduled")))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  const hours = syncIntervalMs() / 3_600_000;
  const t = await getTranslations("backgroundSync");
  return (
    <section className="mt-8 rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="background-heading">
      <h2 id="background-heading" className="text-lg font-medium">{t("title")}</h2>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("engine")}</dt>
        <dd>{engine.kind === "inngest" ? t("inngest", { url: engine.url }) : t("builtIn")}</dd>
        <dt className="text-slate-500">{t("interval")}</dt>
        <dd>{hours >= 1 ? t("every", { unit: "hours", count: Math.round(hours) }) : t("every", { unit: "minutes", count: Math.round(hours * 60) })}</dd>
        <dt className="text-slate-500">{t("lastScheduled")}</dt>
        <dd>{utc(lastScheduled?.startedAt ?? null)}</dd>
        {engine.kind === "built-in" && (
          <>
            <dt className="text-slate-500">{t("nextPass")}</dt>
            <dd>{utc(times.nextPassAt)}</dd>
          </>
        )}
      </dl>
      {engine.kind === "built-in" && developerMode && (
        <p className="mt-3 text-xs text-slate-500">
          {t.rich("builtInHint", { code: (chunks) => <code>{chunks}</code> })}
        </p>
      )}
    </section>
  );
}
