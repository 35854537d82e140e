import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordingInngestClient } from "@/lib/testing/inngest-recorder";
import { publishWebhook } from "./send";

describe("publishWebhook", () => {
  it("sends a webhook once per delivery, checked against its schema", async () => {
    const { sent, client } = recordingInngestClient();
    const ids = { connectionId: crypto.randomUUID(), companyId: crypto.randomUUID() };
    const webhookEventId = crypto.randomUUID();
    await publishWebhook({ provider: "sandbox", webhookEventId, kind: "login_required", ...ids }, { client });
    expect(sent.map((e) => e.name)).toEqual(["bank/webhook.received"]);
    expect(sent[0]!.id).toBe(`webhook-${webhookEventId}`);
    await expect(publishWebhook({ provider: "", webhookEventId, kind: "login_required", ...ids }, { client })).rejects.toThrow();
    expect(sent).toHaveLength(1);
  });
});
