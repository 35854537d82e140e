/**
 * Test control: the bank takes its time. While a connection is held, each refresh of it
 * waits until the hold is released or runs out, so an end-to-end test can watch a sync
 * that is still running. Kept in the handler's memory (one server process), never in the
 * store: a hold outlives no restart.
 */
import { z } from "zod";
import { json, readJson } from "./http";
import type { SandboxContext } from "./context";

/** Below the adapter's request timeout (SANDBOX_TIMEOUT_MS, 15 s), so a held refresh still answers. */
export const MAX_HOLD_SECONDS = 10;

export const holdRequestJson = z.object({ seconds: z.number().int().min(0).max(MAX_HOLD_SECONDS) });

type Hold = { released: Promise<void>; release: () => void };

export type RefreshHolds = {
  /** Holds the connection's refreshes for `ms`; 0 releases them now. */
  set: (connectionId: string, ms: number) => void;
  /** Resolves when the connection is not held (at once when it is not). */
  wait: (connectionId: string) => Promise<void>;
};

export function createRefreshHolds(): RefreshHolds {
  const holds = new Map<string, Hold>();
  const release = (connectionId: string) => {
    holds.get(connectionId)?.release();
    holds.delete(connectionId);
  };
  return {
    set(connectionId, ms) {
      release(connectionId);
      if (ms <= 0) return;
      let resolve: () => void = () => {};
      const released = new Promise<void>((done) => { resolve = done; });
      const timer = setTimeout(() => release(connectionId), ms);
      timer.unref?.();
      holds.set(connectionId, { released, release: () => { clearTimeout(timer); resolve(); } });
    },
    async wait(connectionId) {
      await holds.get(connectionId)?.released;
    },
  };
}

/** POST api/connections/:id/hold `{ "seconds": n }`: hold its refreshes for n seconds (at most MAX_HOLD_SECONDS); 0 releases them. */
export async function holdRefreshes(context: SandboxContext, id: string, request: Request): Promise<Response> {
  const { seconds } = await readJson(request, holdRequestJson);
  context.holds.set(id, seconds * 1000);
  return json({ held_seconds: seconds });
}
