import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { currentEngine } from "@/lib/background/engine";
import { lastAutomaticPass } from "@/lib/background/last-pass";
import { currentSchedule } from "@/lib/background/schedule";
import { formatUtcMinute } from "@/lib/dates";

/**
 * Which engine runs automatic synchronization, its last pass with what it did, and the next;
 * or that this server runs none. How to move it to Inngest (environment variables) is shown
 * in developer mode only.
 */
export async function BackgroundSection({ companyId, developerMode }: { companyId: string; developerMode: boolean }) {
  const t = await getTranslations("backgroundSync");
  const schedule = await getTranslations("syncSchedule");
  const plan = currentSchedule();
  if (plan.kind === "off") {
    return (
      <section className="mt-8 rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="background-heading">
        <h2 id="background-heading" className="text-lg font-medium">{t("title")}</h2>
        <p role="status" className="mt-3 text-sm font-medium text-amber-800">{schedule("off")}</p>
        <p className="mt-1 text-sm text-slate-600">{schedule("offHint")}</p>
      </section>
    );
  }
  const engine = currentEngine();
  const pass = await lastAutomaticPass(db, companyId, plan.intervalMs);
  const hours = plan.intervalMs / 3_600_000;
  return (
    <section className="mt-8 rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="background-heading">
      <h2 id="background-heading" className="text-lg font-medium">{t("title")}</h2>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("engine")}</dt>
        <dd>{engine.kind === "inngest" ? t("inngest", { url: engine.url }) : t("builtIn")}</dd>
        <dt className="text-slate-500">{t("interval")}</dt>
        <dd>{hours >= 1 ? t("every", { unit: "hours", count: Math.round(hours) }) : t("every", { unit: "minutes", count: Math.round(hours * 60) })}</dd>
        <dt className="text-slate-500">{schedule("lastPass")}</dt>
        <dd>
          {pass ? schedule("lastPassCounts", { at: formatUtcMinute(pass.startedAt), synced: pass.synced, failed: pass.failed, imported: pass.imported }) : schedule("noPassYet")}
          {pass && pass.running > 0 && <> · {schedule("lastPassRunning", { running: pass.running })}</>}
        </dd>
        <dt className="text-slate-500">{schedule("nextPass")}</dt>
        <dd>{plan.nextPassAt ? formatUtcMinute(plan.nextPassAt) : schedule("nextPassUnknown")}</dd>
      </dl>
      {engine.kind === "built-in" && developerMode && (
        <p className="mt-3 text-xs text-slate-500">
          {t.rich("builtInHint", { code: (chunks) => <code>{chunks}</code> })}
        </p>
      )}
    </section>
  );
}
