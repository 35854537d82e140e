/**
 * The webhook figures of `npm run bench`: intake in process (the route's service) and over
 * HTTP from the built app, beside the framework's own ceiling measured in the same run: a
 * no-op route handler of the same build (app/api/webhooks/bench-noop, switched on by
 * BENCH_ROUTES=on in bench-app.ts), posted to by the same load generator, keep-alive,
 * 32 concurrent. Rounds alternate (ceiling, intake, ceiling, intake) and each side keeps
 * its best, so a neighbour's burst on the shared machine does not decide the ratio; the
 * work left for after each intake round drains before the next round starts.
 */
import crypto from "node:crypto";
import { and, eq, isNull, like, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { bankConnections, companies, institutions, webhookEvents } from "../../db/schema";
import { lookupHash } from "../../lib/crypto/secret-box";
import { sandboxServerSecrets } from "../../lib/sandbox/config";
import { SIGNATURE_HEADER, signatureHeader } from "../../lib/sandbox/webhooks";
import { receiveWebhook } from "../../lib/webhooks/intake";
import { postAll, type PreparedPost } from "./load-generator";

type Figure = { name: string; value: number; unit: string; target?: string };
export type WebhookBenchDeps = {
  db: Db;
  /** The built app started by bench-app.ts. */
  baseUrl: string;
  record: (figure: Figure) => void;
  percentile: (values: number[], p: number) => number;
};

const CONCURRENCY = 32;
const HTTP_COUNT = 5_000;
const ROUNDS = 2;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

export async function benchWebhooks({ db, baseUrl, record, percentile }: WebhookBenchDeps): Promise<void> {
  const ref = await benchConnection(db);
  const delivery = (id: string) => {
    const body = JSON.stringify({ id, type: "consent.expiring", connection_id: ref, account_ids: [], created_at: new Date().toISOString() });
    return { body, signature: signatureHeader(sandboxServerSecrets().webhookSecret, body, new Date()) };
  };

  // In process: the route's service alone, 16 concurrent.
  const inProcessCount = 2_000;
  const deliveries = Array.from({ length: inProcessCount }, (_, i) => delivery(`wh_${i}`));
  const latencies: number[] = [];
  let start = process.hrtime.bigint();
  let index = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (index < deliveries.length) {
      const { body, signature } = deliveries[index++]!;
      const t0 = process.hrtime.bigint();
      const result = await receiveWebhook({ db }, { providerName: "sandbox", headers: new Headers({ [SIGNATURE_HEADER]: signature }), rawBody: body });
      if (result.status !== 202) throw new Error(`Webhook answered ${result.status}`);
      latencies.push(seconds(t0) * 1000);
    }
  }));
  record({ name: "Webhook intake (verify + record), 16 concurrent", value: inProcessCount / seconds(start), unit: "req/s", target: "≥ 1000 req/s" });
  record({ name: "Webhook intake p99 latency", value: percentile(latencies, 99), unit: "ms" });

  // Over HTTP. Signed ahead of sending: signing is cheap next to a request, and the
  // signatures stay valid for minutes.
  const posts = (path: string, prefix: string, count: number): PreparedPost[] => Array.from({ length: count }, (_, i) => {
    const { body, signature } = delivery(`${prefix}_${i}`);
    return { path, headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature }, body };
  });
  const intakePath = "/api/webhooks/sandbox";
  const noopPath = "/api/webhooks/bench-noop";
  // A warm-up first, as a running server would be.
  await postAll(baseUrl, posts(noopPath, "wh_warm_noop", 500), CONCURRENCY, 202);
  await postAll(baseUrl, posts(intakePath, "wh_warm", 500), CONCURRENCY, 202);
  await drained(db, "wh_warm");

  let ceiling = 0;
  let intake = 0;
  let intakeLatencies: number[] = [];
  let drainMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const noop = posts(noopPath, `wh_noop_${round}`, HTTP_COUNT);
    start = process.hrtime.bigint();
    await postAll(baseUrl, noop, CONCURRENCY, 202);
    ceiling = Math.max(ceiling, HTTP_COUNT / seconds(start));

    const signed = posts(intakePath, `wh_http_${round}`, HTTP_COUNT);
    start = process.hrtime.bigint();
    const roundLatencies = await postAll(baseUrl, signed, CONCURRENCY, 202);
    const rate = HTTP_COUNT / seconds(start);
    if (rate > intake) [intake, intakeLatencies] = [rate, roundLatencies];
    const drainStart = process.hrtime.bigint();
    await drained(db, `wh_http_${round}`);
    drainMs = Math.max(drainMs, seconds(drainStart) * 1000);
  }
  record({ name: `No-op route over HTTP (built app, framework ceiling), ${CONCURRENCY} concurrent`, value: ceiling, unit: "req/s" });
  record({ name: `Webhook intake over HTTP (built app), ${CONCURRENCY} concurrent`, value: intake, unit: "req/s" });
  record({ name: "Webhook intake over HTTP / no-op route ceiling", value: (intake / ceiling) * 100, unit: "%", target: "≥ 80 %" });
  record({ name: "Webhook intake over HTTP p99 latency", value: percentile(intakeLatencies, 99), unit: "ms" });
  record({ name: `Work after the answer for ${HTTP_COUNT} deliveries, drained in`, value: drainMs, unit: "ms" });
}

/** A Sandbox connection of its own for the deliveries to name; returns its provider reference. */
async function benchConnection(db: Db): Promise<string> {
  const ref = `bench-webhooks-${crypto.randomUUID()}`;
  const [company] = await db.insert(companies).values({ name: "Webhooks" }).returning();
  const [institution] = await db.select({ id: institutions.id }).from(institutions).where(eq(institutions.provider, "sandbox")).limit(1);
  if (!institution) throw new Error("No Sandbox institution to file the bench's webhook connection under.");
  await db.insert(bankConnections).values({
    companyId: company!.id, institutionId: institution.id, provider: "sandbox", state: "active",
    clientId: `cl_${crypto.randomUUID()}`, providerRefEncrypted: "x", providerRefHash: lookupHash(ref),
  });
  return ref;
}

/** Waits until the app has handled, after their answers, the deliveries posted under `prefix`. */
async function drained(db: Db, prefix: string): Promise<void> {
  for (;;) {
    const [left] = await db.select({ count: sql<number>`count(*)::int` }).from(webhookEvents).where(and(isNull(webhookEvents.processedAt), like(webhookEvents.dedupeKey, `${prefix}\_%`)));
    if (left!.count === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
