/**
 * Gathers calls that arrive while the previous batch runs into the next batch: the first
 * call of a quiet moment runs at once, alone; under a burst each batch takes every call
 * that came meanwhile. One batch runs at a time. `run` answers each item in its order.
 */
export function createBatcher<T, R>(run: (items: T[]) => Promise<R[]>, maxBatch = 500): (item: T) => Promise<R> {
  type Waiting = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };
  const waiting: Waiting[] = [];
  let running = false;

  async function drain() {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      try {
        const results = await run(batch.map((w) => w.item));
        batch.forEach((w, i) => w.resolve(results[i]!));
      } catch (error) {
        batch.forEach((w) => w.reject(error));
      }
    }
    running = false;
  }

  return (item) => {
    const result = new Promise<R>((resolve, reject) => waiting.push({ item, resolve, reject }));
    if (!running) void drain();
    return result;
  };
}
