/**
 * One poller per browser tab for every connection a page watches: while any watched
 * connection's newest run is open, asks /api/sync-status about all of them in one request
 * every POLL_MS, tells each subscriber its connection's run, and stops watching a
 * connection once its run has ended.
 */
import { isRunOpen, type LiveRun } from "@/lib/sync/run-state";

export const POLL_MS = 2_000;

type Listener = (run: LiveRun) => void;

const listeners = new Map<string, Set<Listener>>();
let timer: ReturnType<typeof setTimeout> | null = null;

async function poll(): Promise<void> {
  timer = null;
  const ids = [...listeners.keys()];
  if (ids.length === 0) return;
  const query = new URLSearchParams(ids.map((id) => ["connection", id]));
  const response = await fetch(`/api/sync-status?${query}`, { cache: "no-store" }).catch(() => null);
  // A failed request (the server restarting, the network gone) is tried again at the next tick.
  const body = response?.ok ? ((await response.json().catch(() => null)) as { runs: LiveRun[] } | null) : null;
  for (const run of body?.runs ?? []) {
    for (const listener of listeners.get(run.connectionId) ?? []) listener(run);
    if (!isRunOpen(run)) listeners.delete(run.connectionId);
  }
  schedule();
}

function schedule(): void {
  if (timer === null && listeners.size > 0) timer = setTimeout(poll, POLL_MS);
}

/** Calls `listener` with the connection's newest run at each poll until it has ended; returns the unsubscribe. */
export function watchConnection(connectionId: string, listener: Listener): () => void {
  const set = listeners.get(connectionId) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(connectionId, set);
  schedule();
  return () => {
    const current = listeners.get(connectionId);
    current?.delete(listener);
    if (current?.size === 0) listeners.delete(connectionId);
  };
}
