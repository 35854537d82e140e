import { desc, eq, and } from "drizzle-orm";
import { db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { currentEngine, describeEngine } from "@/lib/background/engine";
import { syncIntervalMs } from "@/lib/background/interval";
import { schedulerTimes } from "@/lib/background/start";

const utc = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

/** Which engine runs automatic synchronization, and when it last and next runs. */
export async function BackgroundSection({ companyId }: { companyId: string }) {
  const engine = currentEngine();
  const times = schedulerTimes();
  const [lastScheduled] = await db
    .select({ startedAt: syncRuns.startedAt })
    .from(syncRuns)
    .where(and(eq(syncRuns.companyId, companyId), eq(syncRuns.trigger, "scheduled")))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  const hours = syncIntervalMs() / 3_600_000;
  return (
    <section className="mt-8 rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="background-heading">
      <h2 id="background-heading" className="text-lg font-medium">Automatic synchronization</h2>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-slate-500">Engine</dt>
        <dd>{describeEngine(engine)}</dd>
        <dt className="text-slate-500">Interval</dt>
        <dd>Every {hours >= 1 ? `${Math.round(hours)} hours` : `${Math.round(hours * 60)} minutes`}</dd>
        <dt className="text-slate-500">Last scheduled synchronization</dt>
        <dd>{utc(lastScheduled?.startedAt ?? null)}</dd>
        {engine.kind === "built-in" && (
          <>
            <dt className="text-slate-500">Next pass</dt>
            <dd>{utc(times.nextPassAt)}</dd>
          </>
        )}
      </dl>
      {engine.kind === "built-in" && (
        <p className="mt-3 text-xs text-slate-500">
          This server runs background work itself, which suits one machine. To run it on Inngest (Inngest Cloud or a
          self-hosted server), set <code>INNGEST_EVENT_KEY</code> and <code>INNGEST_SIGNING_KEY</code> (or{" "}
          <code>INNGEST_DEV=1</code> with the Inngest dev server) and restart; see the README.
        </p>
      )}
    </section>
  );
}
