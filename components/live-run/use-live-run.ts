"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import type { LiveRun } from "@/lib/sync/run-state";
import { isRunOpen } from "@/lib/sync/run-state";
import { watchConnection } from "./run-watcher";

export type LiveRunView = {
  /** True while the connection's run is open and the page waits for its end. */
  watching: boolean;
  /** The run this page saw end, with its outcome; null until one has. */
  ended: LiveRun | null;
  /** Starts watching the connection's newest run (after "already running"). */
  watch: () => void;
};

/**
 * Watches a connection's sync run from the page that shows it: from the start when the
 * server rendered the page while the run was open, or from `watch()`. When the run ends,
 * the page's server components are read again (router.refresh, not a reload), so its
 * state, balance and last synchronization follow.
 */
export function useLiveRun(connectionId: string, runningAtRender: boolean): LiveRunView {
  const router = useRouter();
  const [watching, setWatching] = useState(runningAtRender);
  const [ended, setEnded] = useState<LiveRun | null>(null);

  // A refreshed page may render a run that started after this component mounted
  // (state adjusted while rendering, as React recommends for a changed prop).
  const [renderedRunning, setRenderedRunning] = useState(runningAtRender);
  if (renderedRunning !== runningAtRender) {
    setRenderedRunning(runningAtRender);
    if (runningAtRender) setWatching(true);
  }

  useEffect(() => {
    if (!watching) return;
    return watchConnection(connectionId, (run) => {
      if (isRunOpen(run)) return;
      setEnded(run);
      setWatching(false);
      router.refresh();
    });
  }, [watching, connectionId, router]);

  const watch = useCallback(() => {
    setEnded(null);
    setWatching(true);
  }, []);

  return { watching, ended, watch };
}
