/**
 * A lean local load generator for the benchmark: POSTs prepared bodies over keep-alive
 * connections with node:http (fetch costs several times more CPU per request, and here the
 * generator shares two cores with the app and PostgreSQL). Returns each request's latency.
 */
import http from "node:http";

export type PreparedPost = { path: string; headers: Record<string, string>; body: string };

export async function postAll(baseUrl: string, requests: PreparedPost[], concurrency: number, expectStatus: number): Promise<number[]> {
  const { hostname, port } = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const once = (request: PreparedPost) =>
    new Promise<void>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = http.request(
        { hostname, port, path: request.path, method: "POST", agent, headers: { ...request.headers, "content-length": Buffer.byteLength(request.body) } },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode !== expectStatus) reject(new Error(`POST ${request.path} answered ${res.statusCode}`));
            else {
              latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
              resolve();
            }
          });
        },
      );
      req.on("error", reject);
      req.end(request.body);
    });
  let next = 0;
  try {
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < requests.length) await once(requests[next++]!);
    }));
  } finally {
    agent.destroy();
  }
  return latencies;
}
