import crypto from "node:crypto";
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { publishWebhook, requestSync, submitMfaCode } from "./send";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

/** A real client whose HTTP calls are recorded instead of reaching Inngest. */
function recordingClient() {
  const sent: { name: string; data: unknown; id?: string }[] = [];
  const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
    sent.push(...(JSON.parse(String(init?.body)) as typeof sent));
    return Response.json({ ids: sent.map(() => "id"), status: 200 });
  };
  return { sent, client: new Inngest({ id: "openbanksync-test", eventKey: "test-event-key", isDev: false, fetch: fetch as typeof globalThis.fetch }) };
}

describe("send helpers", () => {
  it("requests a sync with the connection's provider, and refuses another company's connection", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const other = await connectBank(world, "Demo Bank");
    const { sent, client } = recordingClient();
    await requestSync({ connectionId, companyId: actor.companyId, trigger: "manual" }, { db, client });
    expect(sent).toEqual([expect.objectContaining({ name: "bank/sync.requested", data: { connectionId, companyId: actor.companyId, provider: "sandbox", trigger: "manual" } })]);
    await expect(requestSync({ connectionId, companyId: other.actor.companyId, trigger: "manual" }, { db, client })).rejects.toThrow(/does not belong/);
  });

  it("sends the security code and webhooks, checked against their schemas", async () => {
    const { sent, client } = recordingClient();
    const ids = { connectionId: crypto.randomUUID(), companyId: crypto.randomUUID() };
    await submitMfaCode({ ...ids, code: "123456" }, { client });
    const webhookEventId = crypto.randomUUID();
    await publishWebhook({ provider: "sandbox", webhookEventId, kind: "login_required", ...ids }, { client });
    expect(sent.map((e) => e.name)).toEqual(["bank/mfa.submitted", "bank/webhook.received"]);
    expect(sent[0]!.data).toEqual({ ...ids, code: "123456" });
    expect(sent[1]!.id).toBe(`webhook-${webhookEventId}`);
    await expect(submitMfaCode({ ...ids, code: "" }, { client })).rejects.toThrow();
    expect(sent).toHaveLength(2);
  });
});
