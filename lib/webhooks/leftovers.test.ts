import crypto from "node:crypto";
import { and, eq, isNull, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections, connectionEvents, institutions, webhookEvents } from "@/db/schema";
import { lookupHash } from "@/lib/crypto/secret-box";
import { sandboxServerSecrets } from "@/lib/sandbox/config";
import { SIGNATURE_HEADER, signatureHeader } from "@/lib/sandbox/webhooks";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { shownStateOf } from "@/lib/testing/shown-state";
import { receiveWebhook, type WebhookEvent } from "./intake";
import { handOnLeftoverWebhooks } from "./leftovers";
import { handOnWebhook } from "./process";

let connection: { id: string; ref: string };
beforeEach(async () => {
  const { company } = await createCompanyWithUser(db);
  const [institution] = await db.insert(institutions).values({ provider: "sandbox", providerInstitutionId: "leftovers", name: "Leftover Bank", country: "DE" }).returning();
  const ref = `conn_${crypto.randomUUID()}`;
  const [row] = await db.insert(bankConnections).values({
    companyId: company.id, institutionId: institution!.id, provider: "sandbox", state: "active",
    clientId: `cl_${crypto.randomUUID()}`, providerRefEncrypted: "x", providerRefHash: lookupHash(ref),
  }).returning();
  connection = { id: row!.id, ref };
});

/** Verifies and records a Sandbox delivery as the route does, without the work after the answer. */
async function answered(id: string, type: string) {
  const body = JSON.stringify({ id, type, connection_id: connection.ref, account_ids: [], created_at: new Date().toISOString() });
  const headers = new Headers({ [SIGNATURE_HEADER]: signatureHeader(sandboxServerSecrets().webhookSecret, body, new Date()) });
  const result = await receiveWebhook({ db }, { providerName: "sandbox", headers, rawBody: body });
  if (result.status !== 202) throw new Error(`Delivery ${id} answered ${result.status}`);
  return { provider: "sandbox", ...result.event };
}

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

  it("writes a notice once when the late first attempt and the sweep handle the same delivery together", async () => {
    const event = await answered("wh_race", "consent.expiring");
    await Promise.all([handOnWebhook({ db }, event), handOnLeftoverWebhooks({ db }, { now: minutesFromNow(6) }), handOnWebhook({ db }, event)]);
    expect(await notices()).toHaveLength(1);
    expect(await unprocessed()).toEqual([]);
  });
});

describe("the work after the answers under a burst", () => {
  it("handles every accepted delivery exactly once when they are handed on together and some twice", async () => {
    const events: (WebhookEvent & { provider: string })[] = await Promise.all(Array.from({ length: 300 }, (_, i) => answered(`wh_burst_${i}`, "consent.expiring")));
    expect(new Set(events.map((e) => e.webhookEventId)).size).toBe(300);
    // Every delivery handed on, the first fifty a second time (a sweep overlapping a slow first attempt).
    await Promise.all([...events, ...events.slice(0, 50)].map((event) => handOnWebhook({ db }, event)));
    expect(await notices()).toHaveLength(300);
    expect(await unprocessed()).toEqual([]);
  });
});
