import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { db } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { checkWebhookUrl, isPublicAddress } from "./address-policy";
import { deliverDueWebhooks } from "./deliver";
import { enqueueWebhookEvent } from "./enqueue";
import { registerWebhookEndpoint } from "./endpoints";

// A stand-in DNS: no lookup leaves the machine, and no request is sent to these addresses.
const dns: Record<string, string[]> = {
  "ledger.example": ["93.184.216.34"],
  "intranet.example": ["192.168.1.10"],
  "split.example": ["93.184.216.34", "10.1.2.3"],
  "metadata.example": ["169.254.169.254"],
  "v6local.example": ["fd00::1"],
};
const resolve = async (host: string) => dns[host] ?? [];
const strict = { allowPrivate: false, resolve };

describe("webhook address policy", () => {
  it.each([
    ["http://127.0.0.1:8080/hook", /private or loopback/],
    ["http://localhost/hook", /could not be resolved|private or loopback/],
    ["http://[::1]/hook", /private or loopback/],
    ["https://10.0.0.7/hook", /private or loopback/],
    ["https://[::ffff:192.168.0.1]/hook", /private or loopback/],
    ["https://intranet.example/hook", /192\.168\.1\.10/],
    ["https://split.example/hook", /10\.1\.2\.3/],
    ["https://metadata.example/latest", /169\.254\.169\.254/],
    ["https://v6local.example/hook", /fd00::1/],
    ["ftp://ledger.example/hook", /Only http and https/],
    ["https://user:pw@ledger.example/hook", /no user name or password/],
    ["ledger.example/hook", /full URL/],
  ])("refuses %s", async (url, message) => {
    const verdict = await checkWebhookUrl(url, { ...strict, resolve: async (host) => host === "localhost" ? ["127.0.0.1"] : resolve(host) });
    expect(inEnglish(verdict)).toEqual({ ok: false, error: expect.stringMatching(message) });
  });

  it("accepts a public host, and a private one only when the operator allows it", async () => {
    expect(await checkWebhookUrl("https://ledger.example/hook", strict)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl("https://intranet.example/hook", { allowPrivate: true, resolve })).toMatchObject({ ok: true });
    expect(isPublicAddress("8.8.8.8")).toBe(true);
    expect(isPublicAddress("2606:4700::1111")).toBe(true);
    expect(isPublicAddress("172.20.0.1")).toBe(false);
  });

  it("refuses to register a private URL, and stops a delivery when the name later resolves to a private address", async () => {
    const { company, user } = await createCompanyWithUser(db, { role: "admin" });
    const actor = { companyId: company.id, userId: user.id, role: "admin" as const };
    expect(await registerWebhookEndpoint(db, actor, { url: "http://127.0.0.1:9/hook" }, strict)).toMatchObject({ ok: false });
    expect(inEnglish(await registerWebhookEndpoint(db, { ...actor, role: "user" }, { url: "https://ledger.example/hook" }, strict))).toMatchObject({ ok: false, error: /administrator/ });
    expect(await db.select().from(webhookEndpoints)).toHaveLength(0);

    expect(await registerWebhookEndpoint(db, actor, { url: "https://ledger.example/hook" }, strict)).toMatchObject({ ok: true });
    const [id] = await enqueueWebhookEvent(db, { companyId: company.id, type: "sync.failed", data: {} });
    const calls: string[] = [];
    const rebound = async (host: string) => (host === "ledger.example" ? ["127.0.0.1"] : []);
    const result = await deliverDueWebhooks(db, {
      allowPrivate: false, resolve: rebound, deliveryIds: [id!],
      fetch: async (url) => { calls.push(String(url)); return new Response(null, { status: 200 }); },
    });
    expect(result).toEqual({ delivered: 0, retried: 0, failed: 1 });
    expect(calls).toEqual([]);
  });
});
