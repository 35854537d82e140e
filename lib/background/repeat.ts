/**
 * A task of the built-in engine repeated on a timer in the app process. A run that
 * outlasts the interval is not joined by the next (they never overlap); a failed run is
 * logged under `label` and the next one comes at its time.
 */
export function repeatEvery(intervalMs: number, label: string, task: () => Promise<unknown>): { stop: () => void } {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      console.error(`${label} failed`, error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
