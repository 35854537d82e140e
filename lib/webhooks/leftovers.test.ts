import { and, eq, isNull, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { connectionEvents, webhookEvents } from "@/db/schema";
import { answeredWebhook, createWebhookConnection } from "@/lib/testing/answered-webhooks";
import { shownStateOf } from "@/lib/testing/shown-state";
import { handOnLeftoverWebhooks } from "./leftovers";
import { handOnWebhook, type HandedOnWebhook } from "./process";

let connection: { id: string; ref: string };
beforeEach(async () => {
  connection = await createWebhookConnection(db);
});

const answered = (id: string, type: string) => answeredWebhook(db, { id, type, connectionRef: connection.ref });

const notices = () => db.select().from(connectionEvents).where(and(eq(connectionEvents.connectionId, connection.id), like(connectionEvents.message, "%consent expires soon%")));
const unprocessed = () => db.select().from(webhookEvents).where(isNull(webhookEvents.processedAt));
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe("deliveries answered but never handled", () => {
  it("are handed on by their recorded kind once older than five minutes, and only once", async () => {
    // The process stopped after answering: nothing ran after the answers.
    await answered("wh_consent", "consent.expiring");
    await answered("wh_login", "login_required");

    expect(await handOnLeftoverWebhooks({ db }, { now: minutesFromNow(1) })).toBe(0);
    expect(await unprocessed()).toHaveLength(2);

    expect(await handOnLeftoverWebhooks({ db }, { now: minutesFromNow(6) })).toBe(2);
    expect(await notices()).toHaveLength(1);
    expect(await shownStateOf(connection.id)).toBe("error");
    expect(await unprocessed()).toEqual([]);

    expect(await handOnLeftoverWebhooks({ db }, { now: minutesFromNow(12) })).toBe(0);
    expect(await notices()).toHaveLength(1);
  });

  it("leaves a delivery recorded before kinds were as it was, rather than marking it handled undone", async () => {
    const event = await answered("wh_old", "login_required");
    await db.update(webhookEvents).set({ kind: null }).where(eq(webhookEvents.id, event.webhookEventId));
    expect(await handOnLeftoverWebhooks({ db }, { now: minutesFromNow(6) })).toBe(0);
    expect((await unprocessed()).map((row) => row.id)).toEqual([event.webhookEventId]);
  });

  it("writes a notice once when the late first attempt and the sweep handle the same delivery together", async () => {
    const event = await answered("wh_race", "consent.expiring");
    await Promise.all([handOnWebhook({ db }, event), handOnLeftoverWebhooks({ db }, { now: minutesFromNow(6) }), handOnWebhook({ db }, event)]);
    expect(await notices()).toHaveLength(1);
    expect(await unprocessed()).toEqual([]);
  });
});

describe("the work after the answers under a burst", () => {
  it("handles every accepted delivery exactly once when they are handed on together and some twice", async () => {
    const events: HandedOnWebhook[] = await Promise.all(Array.from({ length: 300 }, (_, i) => answered(`wh_burst_${i}`, "consent.expiring")));
    expect(new Set(events.map((e) => e.webhookEventId)).size).toBe(300);
    // Every delivery handed on, the first fifty a second time (a sweep overlapping a slow first attempt).
    await Promise.all([...events, ...events.slice(0, 50)].map((event) => handOnWebhook({ db }, event)));
    expect(await notices()).toHaveLength(300);
    expect(await unprocessed()).toEqual([]);
  });
});
