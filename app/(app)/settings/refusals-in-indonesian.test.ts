/**
 * Settings actions refuse in the reader's language: lock date, webhook endpoint and API
 * key refusals for an Indonesian reader, dates as DD/MM/YYYY. The session is mocked at
 * lib/auth/membership, the reader's language at getLocale.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { apiKeys, companies, webhookEndpoints } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { formData } from "@/lib/testing/form-data";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-intl/server", async (original) => ({ ...(await original<typeof import("next-intl/server")>()), getLocale: async () => "id" }));

const { saveLockDate } = await import("./actions");
const { registerEndpointAction } = await import("./webhooks/actions");
const { createApiKeyAction } = await import("./api-keys/actions");

let companyId: string;

beforeEach(async () => {
  const { company, user } = await createCompanyWithUser(db, { role: "admin" });
  companyId = company.id;
  signInAs(await loadMembership(db, user.id));
});

describe("settings refusals for an Indonesian reader", () => {
  it("a lock date in the future is refused under the field, naming today as DD/MM/YYYY", async () => {
    const state = await saveLockDate(null, formData({ lockDate: "2999-01-01" }));
    expect(state).toEqual({
      ok: false,
      error: "Tanggal kunci tidak disimpan.",
      fieldErrors: { lockDate: [expect.stringMatching(/^Tanggal kunci tidak boleh di masa depan: pilih \d{2}\/\d{2}\/\d{4} atau hari sebelumnya\.$/)] },
    });
    const [company] = await db.select({ lockDate: companies.lockDate }).from(companies).where(eq(companies.id, companyId));
    expect(company?.lockDate).toBeNull();
  });

  it("a webhook URL to a private address or without http(s) is refused and nothing is registered", async () => {
    expect(await registerEndpointAction(null, formData({ url: "https://10.0.0.7/hook", events: ["sync.failed"] }))).toEqual({
      ok: false, error: "10.0.0.7 mengarah ke 10.0.0.7, alamat privat atau loopback. Webhook hanya dikirim ke alamat publik.",
    });
    expect(await registerEndpointAction(null, formData({ url: "ftp://ledger.example/hook", events: ["sync.failed"] })))
      .toEqual({ ok: false, error: "Hanya URL http dan https yang dapat menerima webhook." });
    expect(await db.select().from(webhookEndpoints)).toEqual([]);
  });

  it("an API key without a name is refused field by field", async () => {
    expect(await createApiKeyAction(null, formData({ name: " ", scope: "write" }))).toEqual({
      ok: false,
      error: "Periksa isian yang ditandai.",
      fieldErrors: { name: ["Beri nama kunci sesuai sistem yang menggunakannya."], scope: ["Pilih read atau read+sync."] },
    });
    expect(await db.select().from(apiKeys)).toEqual([]);
  });
});
