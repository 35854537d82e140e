/**
 * The only way to ask for a sync. Fetch Transactions, the first sync after connecting, a
 * security code, a bank's webhook and the schedule all come here, and the dispatcher
 * picks who runs the sync:
 * - a security code goes to the run waiting for it: the Inngest function that drives it
 *   (a `bank/mfa.submitted` event), or inline when no function waits for it;
 * - a user's request (Fetch Transactions, first sync) runs inline, in the request, so the
 *   user sees its outcome, whichever engine runs the background work;
 * - a background request (schedule, webhook) goes to the engine: one `bank/sync.requested`
 *   event each for Inngest, or the built-in engine (advisory lock and the policy's retries);
 * - a request whose caller does not wait (the REST API's "request a sync") is queued: its
 *   run is opened at once, so the caller can follow it, and the engine runs it.
 */
import { and, eq, inArray } from "drizzle-orm";
import { bankConnections, syncRuns } from "@/db/schema";
import { mfaSubmitted, syncRequested } from "@/inngest/events";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { abandonQueuedRun, openRun, type Orchestrator, type SyncOutcome } from "@/lib/sync/run";
import { syncConnection, type SyncDeps } from "@/lib/sync/run-sync";
import { currentEngine } from "./engine";
import { syncWithLock, type RetryOptions } from "./locked-run";

export type SyncRequest = {
  companyId: string;
  connectionId: string;
  trigger: "first_sync" | "manual" | "scheduled" | "webhook";
  actorUserId?: string | null;
  /** The security code the user typed for the run that waits for it. */
  mfaCode?: string;
  /** Inngest drops a repeated event id, so a repeated request does not sync twice. */
  dedupeId?: string;
  /** The connection's provider when the caller read it already (the fan-out, a webhook). */
  provider?: string;
};

type SyncEvent = ReturnType<typeof syncRequested.create> | ReturnType<typeof mfaSubmitted.create>;
/** Hands events to Inngest: the client's `send`, or `step.sendEvent` inside a function. */
export type InngestSender = (events: SyncEvent[]) => Promise<unknown>;

export type DispatchEngine = { kind: "built-in"; retry?: RetryOptions } | { kind: "inngest"; send: InngestSender };

export type DispatchDeps = SyncDeps & { engine?: DispatchEngine };

/** Who took the request, and the outcome when it ran here (null: handed on, or another process holds the connection). */
export type Dispatched = { engine: Orchestrator; outcome: SyncOutcome | null };

const clientSender: InngestSender = async (events) => {
  const { inngest } = await import("@/inngest/client");
  await inngest.send(events);
};

function engineOf(deps: DispatchDeps): DispatchEngine {
  if (deps.engine) return deps.engine;
  return currentEngine().kind === "inngest" ? { kind: "inngest", send: clientSender } : { kind: "built-in" };
}

/** A user's own request (Fetch Transactions, the first sync): runs inline, so the user sees its outcome. */
export function syncForUser(deps: SyncDeps, request: SyncRequest & { trigger: "manual" | "first_sync"; mfaCode?: undefined }): Promise<SyncOutcome> {
  return runInline(deps, request);
}

export async function dispatchSync(deps: DispatchDeps, request: SyncRequest): Promise<Dispatched> {
  const [dispatched] = await dispatchSyncs(deps, [request]);
  return dispatched!;
}

/** Several requests at once (a page of the schedule's fan-out): one send to Inngest for all. */
export async function dispatchSyncs(deps: DispatchDeps, requests: SyncRequest[]): Promise<Dispatched[]> {
  const results: (Dispatched | null)[] = [];
  const background: { index: number; request: SyncRequest }[] = [];
  for (const request of requests) {
    if (request.mfaCode) results.push(await submitCode(deps, request, request.mfaCode));
    else if (request.trigger === "manual" || request.trigger === "first_sync") results.push({ engine: "inline", outcome: await syncForUser(deps, { ...request, trigger: request.trigger, mfaCode: undefined }) });
    else {
      background.push({ index: results.length, request });
      results.push(null);
    }
  }
  if (background.length > 0) {
    const engine = engineOf(deps);
    if (engine.kind === "inngest") {
      await engine.send(await syncEvents(deps, background.map((b) => b.request)));
      for (const { index } of background) results[index] = { engine: "inngest", outcome: null };
    } else {
      for (const { index, request } of background) {
        const trigger = request.trigger === "webhook" ? "webhook" : "scheduled";
        results[index] = { engine: "scheduler", outcome: await syncWithLock(deps, { companyId: request.companyId, connectionId: request.connectionId, trigger }, engine.retry) };
      }
    }
  }
  return results as Dispatched[];
}

/** A queued sync: the run to follow, and (built-in engine) the background work's end, for tests and logs. */
export type Queued = { runId: string; engine: Orchestrator; finished: Promise<SyncOutcome | null> } | { refusal: StoredMessage };

/** Opens the run now and hands the sync to the engine, without waiting for it. */
export async function queueSync(deps: DispatchDeps, request: SyncRequest & { trigger: "manual"; mfaCode?: undefined }): Promise<Queued> {
  const engine = engineOf(deps);
  const now = (deps.now ?? (() => new Date()))();
  const target = { companyId: request.companyId, connectionId: request.connectionId };
  const run = await openRun(deps.db, { ...target, trigger: "manual", orchestrator: engine.kind === "inngest" ? "inngest" : "scheduler", now });
  if ("refusal" in run) return { refusal: run.refusal };
  const abandon = (message: StoredMessage) => abandonQueuedRun(deps.db, { ...target, runId: run.id, message, now: (deps.now ?? (() => new Date()))() });
  if (engine.kind === "inngest") {
    try {
      await engine.send(await syncEvents(deps, [request], run.id));
    } catch (error) {
      await abandon(storedMessage("engineUnreachable"));
      throw error;
    }
    return { runId: run.id, engine: "inngest", finished: Promise.resolve(null) };
  }
  const finished = syncWithLock(deps, { ...target, trigger: "manual", queuedRunId: run.id, actorUserId: request.actorUserId }, engine.retry)
    .then(async (outcome) => {
      if (outcome === null) await abandon(storedMessage("otherProcessSyncing"));
      return outcome;
    })
    .catch(async (error: unknown) => {
      console.error(`[sync] queued run ${run.id} failed`, error);
      await abandon(storedMessage("unexpectedStop"));
      return null;
    });
  return { runId: run.id, engine: "scheduler", finished };
}

function runInline(deps: SyncDeps, request: SyncRequest, mfaCode?: string): Promise<SyncOutcome> {
  return syncConnection(deps, {
    companyId: request.companyId, connectionId: request.connectionId, trigger: request.trigger,
    actorUserId: request.actorUserId, mfaCode, orchestrator: "inline",
  });
}

/** A run that an Inngest function drives waits for an event, not for this request. */
async function submitCode(deps: DispatchDeps, request: SyncRequest, code: string): Promise<Dispatched> {
  const [waiting] = await deps.db
    .select({ orchestrator: syncRuns.orchestrator })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, request.connectionId), eq(syncRuns.companyId, request.companyId), eq(syncRuns.status, "waiting_mfa")));
  if (waiting?.orchestrator !== "inngest") return { engine: "inline", outcome: await runInline(deps, request, code) };
  const engine = deps.engine?.kind === "inngest" ? deps.engine : { kind: "inngest" as const, send: clientSender };
  await engine.send([mfaSubmitted.create({ connectionId: request.connectionId, companyId: request.companyId, code })]);
  return { engine: "inngest", outcome: null };
}

/** The events for Inngest, each keyed by its connection's provider (the per-aggregator limits). */
async function syncEvents(deps: SyncDeps, requests: SyncRequest[], queuedRunId?: string): Promise<SyncEvent[]> {
  const unknown = requests.filter((r) => !r.provider).map((r) => r.connectionId);
  const rows = unknown.length === 0 ? [] : await deps.db
    .select({ id: bankConnections.id, companyId: bankConnections.companyId, provider: bankConnections.provider })
    .from(bankConnections)
    .where(inArray(bankConnections.id, unknown));
  const connections = new Map(rows.map((r) => [r.id, r]));
  return requests.map((request) => {
    const connection = connections.get(request.connectionId);
    // Callers authorize first, so another company's connection here is a bug.
    if (!request.provider && connection?.companyId !== request.companyId) {
      throw new Error(`Connection ${request.connectionId} does not belong to company ${request.companyId}`);
    }
    const trigger = request.trigger === "webhook" || request.trigger === "manual" ? request.trigger : "scheduled";
    const queued = queuedRunId ? { runId: queuedRunId, ...(request.actorUserId ? { actorUserId: request.actorUserId } : {}) } : {};
    return syncRequested.create(
      { connectionId: request.connectionId, companyId: request.companyId, provider: request.provider ?? connection!.provider, trigger, ...queued },
      request.dedupeId ? { id: request.dedupeId } : undefined,
    );
  });
}
