import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { institutions, providerDirectoryStatus } from "@/db/schema";
import { cursorFromParams, cursorParam, listSupportedInstitutions, type DirectoryCursor, type DirectoryFilter } from "./supported";
import { isSupportedInstitutionsPageOn } from "./supported-page-switch";

const all: DirectoryFilter = { query: "", country: null, provider: null };

async function seed() {
  // Every row the Sandbox's last full refresh read carries that refresh's time (listed.ts).
  const refreshed = new Date("2026-01-01T00:00:00Z");
  const longAgo = new Date("2020-01-01T00:00:00Z");
  await db.insert(institutions).values(([
    { provider: "sandbox", providerInstitutionId: "a", name: "Deutsche Kreditbank", country: "DE", bic: "BYLADEM1001", maxHistoryDays: 730, acceptedHistoryDays: 90 },
    { provider: "plaid", providerInstitutionId: "a2", name: "Deutsche Kreditbank", country: "DE", bic: null, beta: true, maxHistoryDays: 730 },
    { provider: "sandbox", providerInstitutionId: "b", name: "Kreditbank Nord", country: "NL", bic: "KBNONL2A", supportsBackgroundRefresh: false },
    { provider: "sandbox", providerInstitutionId: "c", name: "Atlantic Savings", country: "FR", bic: null, available: false },
    // Configured nowhere: GoCardless has no secrets in the tests.
    { provider: "gocardless", providerInstitutionId: "d", name: "Banque Hors Service", country: "FR", bic: null },
    // Delisted: the Sandbox's last full refresh did not list it.
    { provider: "sandbox", providerInstitutionId: "e", name: "Closed Bank", country: "DE", bic: null, available: false, updatedAt: longAgo },
  ] as (typeof institutions.$inferInsert)[]).map((row) => ({ updatedAt: refreshed, ...row })));
  await db.insert(providerDirectoryStatus).values({ provider: "sandbox", lastAttemptAt: refreshed, lastSuccessAt: refreshed, institutionCount: 4 });
}

beforeEach(() => {
  vi.stubEnv("PLAID_CLIENT_ID", "client");
  vi.stubEnv("PLAID_SECRET", "secret");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("listSupportedInstitutions", () => {
  it("lists every bank the enabled providers still list, one row per provider, with its history and marks", async () => {
    await seed();
    const page = await listSupportedInstitutions(db, all, null);
    expect(page.rows.map((r) => [r.name, r.provider, r.maxHistoryDays, r.beta, r.manualOnly, r.available])).toEqual([
      ["Atlantic Savings", "sandbox", 730, false, false, false],
      ["Deutsche Kreditbank", expect.any(String), expect.any(Number), expect.any(Boolean), false, true],
      ["Deutsche Kreditbank", expect.any(String), expect.any(Number), expect.any(Boolean), false, true],
      ["Kreditbank Nord", "sandbox", 730, false, true, true],
    ]);
    // The history the bank accepted when it refused more, not the provider's promise.
    expect(page.rows.filter((r) => r.name === "Deutsche Kreditbank").map((r) => [r.provider, r.maxHistoryDays, r.beta]).sort()).toEqual([["plaid", 730, true], ["sandbox", 90, false]]);
    expect([page.total, page.previous, page.next]).toEqual([4, null, null]);
  });

  it("narrows by any part of the name or the start of the BIC, by country and by provider, and counts what matches", async () => {
    await seed();
    const names = async (filter: Partial<DirectoryFilter>) => {
      const page = await listSupportedInstitutions(db, { ...all, ...filter }, null);
      return [page.total, page.rows.map((r) => `${r.name}/${r.provider}`).sort()];
    };
    expect(await names({ query: "kredit" })).toEqual([3, ["Deutsche Kreditbank/plaid", "Deutsche Kreditbank/sandbox", "Kreditbank Nord/sandbox"].sort()]);
    expect(await names({ query: "kbno" })).toEqual([1, ["Kreditbank Nord/sandbox"]]);
    expect(await names({ query: "kredit", country: "nl" })).toEqual([1, ["Kreditbank Nord/sandbox"]]);
    expect(await names({ provider: "plaid" })).toEqual([1, ["Deutsche Kreditbank/plaid"]]);
    expect(await names({ provider: "gocardless" })).toEqual([0, []]);
    expect(await names({ query: "%" })).toEqual([0, []]);
  });

  it("walks 30,000 institutions page by page, forward and back, each once and in name order", async () => {
    await db.execute(sql`
      insert into institutions (provider, provider_institution_id, name, country)
      select 'sandbox', 'bulk-' || g, (array['Bank','Sparkasse','Credit','Banque','Caixa'])[1 + g % 5] || ' ' || md5(g::text), (array['DE','FR','NL'])[1 + g % 3]
      from generate_series(1, 30000) g`);
    const seen: string[] = [];
    let cursor: DirectoryCursor | null = null;
    const cursors: (DirectoryCursor | null)[] = [];
    for (;;) {
      cursors.push(cursor);
      const page = await listSupportedInstitutions(db, all, cursor, { limit: 1_000 });
      expect(page.total).toBe(30_000);
      seen.push(...page.rows.map((r) => r.name));
      if (!page.next) break;
      cursor = page.next;
    }
    expect(seen).toHaveLength(30_000);
    expect(new Set(seen).size).toBe(30_000);
    expect(seen).toEqual([...seen].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));

    // From the last page back to the first with the pages' own "previous" cursors.
    const last = await listSupportedInstitutions(db, all, cursors.at(-1)!, { limit: 1_000 });
    const back = await listSupportedInstitutions(db, all, last.previous, { limit: 1_000 });
    expect(back.rows.map((r) => r.name)).toEqual(seen.slice(28_000, 29_000));
    const first = await listSupportedInstitutions(db, all, cursorFromParams(cursorParam(await listSupportedInstitutions(db, all, cursors[1]!, { limit: 1_000 }).then((p) => p.previous!))), { limit: 1_000 });
    expect(first.rows.map((r) => r.name)).toEqual(seen.slice(0, 1_000));
    expect(first.previous).toBeNull();
  });
});

describe("directory cursors in the URL", () => {
  it("read back what was written, and treat anything else as the first page", () => {
    const cursor: DirectoryCursor = { direction: "before", name: "caixa 0a1", id: "0b0e7a2c-5d1f-4c3e-9a8b-1f2e3d4c5b6a" };
    expect(cursorFromParams(cursorParam(cursor))).toEqual(cursor);
    expect(cursorFromParams({ after: "not-base64-json" })).toBeNull();
    expect(cursorFromParams({ after: Buffer.from(JSON.stringify(["x", "42"])).toString("base64url") })).toBeNull();
    expect(cursorFromParams({})).toBeNull();
  });
});

describe("the supported institutions page switch", () => {
  it("is on unless SUPPORTED_INSTITUTIONS_PAGE=off", () => {
    expect(isSupportedInstitutionsPageOn({})).toBe(true);
    expect(isSupportedInstitutionsPageOn({ SUPPORTED_INSTITUTIONS_PAGE: "on" })).toBe(true);
    expect(isSupportedInstitutionsPageOn({ SUPPORTED_INSTITUTIONS_PAGE: "off" })).toBe(false);
  });
});
