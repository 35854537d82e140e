import { InngestTestEngine } from "@inngest/test";
import { and, eq, isNull, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { connectionEvents, webhookEvents } from "@/db/schema";
import { functions } from "@/inngest";
import { answeredWebhook, createWebhookConnection } from "@/lib/testing/answered-webhooks";
import { recordingInngestClient } from "@/lib/testing/inngest-recorder";
import { LEFTOVER_SWEEP_MS } from "@/lib/webhooks/leftovers-timer";
import { handOnWebhook, type HandedOnWebhook } from "@/lib/webhooks/process";
import { publishWebhook } from "../send";
import { createWebhookLeftoversFunction, WEBHOOK_LEFTOVERS_CRON, webhookLeftoversFunction } from "./webhook-leftovers";
import { createWebhookReceivedFunction } from "./webhook-received";

type SentEvent = { name: string; data: Record<string, unknown>; id?: string };

let connection: { id: string; ref: string };
beforeEach(async () => {
  connection = await createWebhookConnection(db);
});

const answered = (id: string, type: string) => answeredWebhook(db, { id, type, connectionRef: connection.ref });
const sixMinutesLater = () => new Date(Date.now() + 6 * 60_000);
const unprocessed = () => db.select({ id: webhookEvents.id }).from(webhookEvents).where(isNull(webhookEvents.processedAt));
const consentNotices = () =>
  db.select().from(connectionEvents).where(and(eq(connectionEvents.connectionId, connection.id), like(connectionEvents.message, "%consent expires soon%")));

/** One sweep; its send is mocked, so nothing leaves: returns what it sent. */
async function sweep(now: () => Date): Promise<{ result: unknown; sent: SentEvent[] }> {
  const t = new InngestTestEngine({ function: createWebhookLeftoversFunction({ db, now }), steps: [{ id: "hand-on-leftovers", handler: () => ({ ids: [] }) }] });
  const { result, ctx, error } = await t.execute();
  expect(error).toBeUndefined();
  const calls = ctx.step.sendEvent.mock.calls as [string, SentEvent[]][];
  expect(calls.map(([id]) => id)).toEqual(calls.length ? ["hand-on-leftovers"] : []);
  return { result, sent: calls.flatMap(([, events]) => events) };
}

/** What the normal path under Inngest (handOnWebhook's publish) sends for a delivery. */
async function publishedFor(event: HandedOnWebhook): Promise<SentEvent> {
  const { sent, client } = recordingInngestClient();
  await publishWebhook(event, { client });
  const [published] = sent as SentEvent[];
  return { name: published!.name, data: published!.data, id: published!.id };
}

/** Runs `webhook-received` for a sent event, as Inngest would. */
async function received(event: SentEvent) {
  const { error } = await new InngestTestEngine({ function: createWebhookReceivedFunction({ db }), events: [event] as [SentEvent] }).execute();
  expect(error).toBeUndefined();
}

describe("webhook-leftovers", () => {
  it("sweeps every minute as the built-in engine does, one sweep at a time, and is served at /api/inngest", () => {
    const fn = createWebhookLeftoversFunction({ db });
    expect(LEFTOVER_SWEEP_MS).toBe(60_000);
    expect(fn.opts.triggers).toEqual([{ cron: "* * * * *" }]);
    expect(WEBHOOK_LEFTOVERS_CRON).toBe("* * * * *");
    expect(fn.opts.concurrency).toEqual({ limit: 1 });
    expect(functions).toContain(webhookLeftoversFunction);
  });

  it("hands on a delivery answered but never handled, as its first hand-on would, once, and leaves a handled one alone", async () => {
    // The process stopped after answering this one: nothing ran after the answer.
    const leftover = await answered("wh_consent", "consent.expiring");
    const handled = await answered("wh_login", "login_required");
    await handOnWebhook({ db }, handled);
    expect((await unprocessed()).map((row) => row.id)).toEqual([leftover.webhookEventId]);

    const first = await sweep(sixMinutesLater);
    expect(first.result).toEqual({ handedOn: 1 });
    expect(first.sent).toHaveLength(1);
    expect(first.sent[0]).toMatchObject(await publishedFor(leftover));
    expect(first.sent[0]!.data).toEqual({ provider: "sandbox", webhookEventId: leftover.webhookEventId, kind: "consent_expiring", connectionId: connection.id, companyId: leftover.companyId });

    await received(first.sent[0]!);
    expect(await unprocessed()).toEqual([]);
    expect(await consentNotices()).toHaveLength(1);

    const next = await sweep(sixMinutesLater);
    expect(next).toEqual({ result: { handedOn: 0 }, sent: [] });
    expect(await consentNotices()).toHaveLength(1);
  });

  it("leaves a delivery answered less than five minutes ago to its first hand-on", async () => {
    await answered("wh_recent", "consent.expiring");
    expect(await sweep(() => new Date())).toEqual({ result: { handedOn: 0 }, sent: [] });
  });

  it("handles a delivery once when two sweeps overlap", async () => {
    const leftover = await answered("wh_overlap", "consent.expiring");
    const [one, two] = await Promise.all([sweep(sixMinutesLater), sweep(sixMinutesLater)]);
    // Both carry the delivery's own event id, which Inngest keeps once ...
    expect([...one.sent, ...two.sent].map((event) => event.id)).toEqual([`webhook-${leftover.webhookEventId}`, `webhook-${leftover.webhookEventId}`]);
    // ... and even run twice, the delivery is marked, and its notice written, once.
    await Promise.all([...one.sent, ...two.sent].map(received));
    expect(await unprocessed()).toEqual([]);
    expect(await consentNotices()).toHaveLength(1);
  });
});
