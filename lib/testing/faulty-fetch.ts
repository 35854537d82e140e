/**
 * Fault injection for the fault suite: a `fetch` for the Sandbox adapter that, driven by
 * a seeded random stream, answers some of the connection's requests with the failures
 * real aggregators produce. Linking requests pass through untouched.
 */
export const FAULTS = ["timeout", "server_error", "rate_limited", "malformed_json", "truncated", "duplicate_in_page", "connection_reset"] as const;
export type Fault = (typeof FAULTS)[number];

/** mulberry32: small, fast and good enough to pick faults reproducibly from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export function faultyFetch(options: { random: () => number; probability: number; injected: Fault[]; only?: Fault[] }): typeof fetch {
  const choices = options.only ?? [...FAULTS];
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const connectionScoped = /\/api\/connections\/[^/]+\/(refresh|accounts)/.test(url);
    if (!connectionScoped || options.random() >= options.probability) return fetch(input, init);
    const fault = choices[Math.floor(options.random() * choices.length)]!;
    options.injected.push(fault);
    switch (fault) {
      case "timeout":
        // Never answers; the adapter's own timeout (AbortSignal) ends the wait.
        return new Promise<Response>((_, reject) => {
          const signal = init?.signal;
          if (!signal) return reject(new Error("no timeout signal"));
          signal.addEventListener("abort", () => reject(signal.reason), { once: true });
        });
      case "server_error":
        return new Response("<html>502 Bad Gateway</html>", { status: 502 });
      case "rate_limited":
        return json({ error: { code: "rate_limited", message: "Too many requests", retry_after: new Date(Date.now() + 60_000).toISOString() } }, 429, { "retry-after": "60" });
      case "malformed_json":
        return new Response('{"transactions": [ {"id": ', { status: 200, headers: { "content-type": "application/json" } });
      case "truncated": {
        const real = await fetch(input, init);
        const text = await real.text();
        return new Response(text.slice(0, Math.floor(text.length / 2)), { status: real.status, headers: { "content-type": "application/json" } });
      }
      case "duplicate_in_page": {
        const real = await fetch(input, init);
        const body = (await real.json()) as { transactions?: unknown[] };
        if (Array.isArray(body.transactions) && body.transactions.length > 0) body.transactions.push(body.transactions[0]);
        return json(body, real.status);
      }
      case "connection_reset":
        throw new TypeError("fetch failed: socket hang up");
    }
  };
}
