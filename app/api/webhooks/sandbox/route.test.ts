import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankConnections, institutions, webhookEvents } from "@/db/schema";
import { lookupHash } from "@/lib/crypto/secret-box";
import { sandboxServerSecrets } from "@/lib/sandbox/config";
import { SIGNATURE_HEADER, signatureHeader } from "@/lib/sandbox/webhooks";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { POST } from "./route";

// The work after the answer is not this test's subject (see [provider]/route.test.ts).
vi.mock("@/lib/webhooks/after-answer", () => ({ afterAnswer: () => {} }));

describe("POST /api/webhooks/sandbox", () => {
  it("takes the Sandbox's deliveries as /api/webhooks/[provider] does: signed ones recorded, forged ones refused", async () => {
    const { company } = await createCompanyWithUser(db);
    const [institution] = await db.insert(institutions).values({ provider: "sandbox", providerInstitutionId: "static", name: "Static Bank", country: "DE" }).returning();
    const ref = `conn_${crypto.randomUUID()}`;
    await db.insert(bankConnections).values({
      companyId: company.id, institutionId: institution!.id, provider: "sandbox", state: "active",
      clientId: `cl_${crypto.randomUUID()}`, providerRefEncrypted: "x", providerRefHash: lookupHash(ref),
    });
    const post = (id: string, sign: (body: string) => string) => {
      const body = JSON.stringify({ id, type: "consent.expiring", connection_id: ref, account_ids: [], created_at: new Date().toISOString() });
      return POST(new Request("http://app.test/api/webhooks/sandbox", { method: "POST", headers: { "content-type": "application/json", [SIGNATURE_HEADER]: sign(body) }, body }));
    };
    const signed = (body: string) => signatureHeader(sandboxServerSecrets().webhookSecret, body, new Date());
    expect((await post("wh_static", signed)).status).toBe(202);
    expect((await post("wh_static", signed)).status).toBe(200);
    expect((await post("wh_forged", (body) => signatureHeader("not-the-secret", body, new Date()))).status).toBe(401);
    expect((await db.select().from(webhookEvents)).map((e) => [e.dedupeKey, e.kind])).toEqual([["wh_static", "consent_expiring"]]);
  });
});
