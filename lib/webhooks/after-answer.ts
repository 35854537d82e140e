/**
 * Runs work after a webhook's answer. Not Next's `after()`: that binds the request's
 * async context to each task, which under a burst of deliveries cost a measurable share
 * of the answer (the bench's webhook figures), and this work needs nothing from the
 * request. The task starts from the event loop's check phase (setImmediate), once the
 * handler has returned its answer, so the answer never waits for it. This app runs as a
 * long-lived Node server; a task cut off by a stop is not lost: its delivery stays
 * unprocessed and the sweep (leftovers.ts) hands it on.
 */
export function afterAnswer(task: () => Promise<unknown>): void {
  // A failure is logged, never left to stop the server as an unhandled rejection; the
  // delivery stays unprocessed for the sweep.
  setImmediate(() => task().catch((error: unknown) => console.error("[webhooks] the work after the answer failed", error)));
}
