import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { englishText } from "@/lib/i18n/stored-message";
import { db } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { createApiKey, listApiKeys, revokeApiKey } from "./keys";
import { callApi } from "./testing/api-client";

async function companyWithKey(scope: "read" | "read_sync" = "read") {
  const { company, user } = await createCompanyWithUser(db, { role: "admin" });
  const actor = { companyId: company.id, userId: user.id, role: "admin" as const };
  const created = await createApiKey(db, actor, { name: "Ledger", scope });
  if (!created.ok) throw new Error(englishText(created.error));
  return { company, actor, key: created.key, keyId: created.id };
}

afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
});

describe("REST API authentication", () => {
  it("answers 401 problem details without a key, with a wrong key and with a revoked key", async () => {
    const { actor, key, keyId } = await companyWithKey();
    const missing = await callApi("GET /accounts");
    expect(missing.status).toBe(401);
    expect(missing.contentType).toBe("application/problem+json");
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(missing.body).toMatchObject({ status: 401, title: "Missing or invalid API key", type: "/api/v1/docs#problem-unauthorized" });

    const wrong = await callApi("GET /accounts", { key: `${key.slice(0, -4)}AAAA` });
    expect(wrong.status).toBe(401);
    expect((await callApi("GET /accounts", { key: "not-a-key" })).status).toBe(401);

    expect((await callApi("GET /accounts", { key })).status).toBe(200);
    expect(await revokeApiKey(db, actor, keyId)).toEqual({ ok: true });
    const revoked = await callApi("GET /accounts", { key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).toMatch(/revoked/);
  });

  it("scopes every request to the key's company: another company's key sees none of its accounts or lines", async () => {
    const mine = await companyWithKey("read_sync");
    const account = await createManualBankAccount(db, mine.company.id, { name: "Mine" });
    const theirs = await companyWithKey("read_sync");

    const own = await callApi("GET /accounts", { key: mine.key });
    expect((own.body.data as { name: string }[]).map((a) => a.name)).toEqual(["Mine"]);
    expect((await callApi("GET /accounts", { key: theirs.key })).body.data).toEqual([]);
    const filtered = await callApi("GET /transactions", { key: theirs.key, query: { accountId: account.id } });
    expect(filtered.body.data).toEqual([]);
    const sync = await callApi("POST /accounts/{accountId}/sync", { key: theirs.key, params: { accountId: account.id } });
    expect(sync.status).toBe(404);
    expect(sync.contentType).toBe("application/problem+json");
  });

  it("keeps the key hashed, shows only its prefix, records the last use, and lets only admins manage keys", async () => {
    const { company, key, keyId, actor } = await companyWithKey();
    const [stored] = await db.select().from(apiKeys).where(eq(apiKeys.id, keyId));
    expect(stored!.keyHash).not.toContain(key);
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(key.startsWith(stored!.prefix)).toBe(true);
    expect(stored!.lastUsedAt).toBeNull();
    await callApi("GET /connections", { key });
    expect((await listApiKeys(db, company.id))[0]!.lastUsedAt).not.toBeNull();

    const member = { ...actor, role: "user" as const };
    expect(await createApiKey(db, member, { name: "Mine", scope: "read" })).toMatchObject({ ok: false });
    expect(await revokeApiKey(db, member, keyId)).toMatchObject({ ok: false });
    expect(await createApiKey(db, actor, { name: " ", scope: "write" })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(Array), scope: expect.any(Array) } });
    expect(await listApiKeys(db, company.id)).toHaveLength(1);
  });

  it("refuses a sync request from a read-only key, and rate-limits per key with Retry-After", async () => {
    const { company, key } = await companyWithKey("read");
    const account = await createManualBankAccount(db, company.id);
    const refused = await callApi("POST /accounts/{accountId}/sync", { key, params: { accountId: account.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe("/api/v1/docs#problem-forbidden");

    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    const other = await companyWithKey("read");
    // The refused sync request above counted too: two more pass, then the limit holds.
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await callApi("GET /accounts", { key })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const limited = await callApi("GET /accounts", { key });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429, title: "Too many requests" });
    // Another key has its own budget.
    expect((await callApi("GET /accounts", { key: other.key })).status).toBe(200);
  });

  it("counts concurrent requests exactly", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "5";
    const { key } = await companyWithKey("read");
    const statuses = await Promise.all(Array.from({ length: 12 }, () => callApi("GET /accounts", { key }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it("answers invalid query parameters with a 400 that names them", async () => {
    const { key } = await companyWithKey();
    const bad = await callApi("GET /transactions", { key, query: { from: "2026-13-01", limit: "5000" } });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["query.from", "query.limit"]);
  });
});
