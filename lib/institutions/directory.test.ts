import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { institutions, providerDirectoryStatus } from "@/db/schema";
import type { Institution, Provider } from "@/lib/providers/types";
import { renderStoredMessage, storedMessage } from "@/lib/i18n/stored-message";
import { ProviderTransient } from "@/lib/providers/errors";
import { refreshDirectory } from "./directory";
import { providerOverview } from "./directory-status";

function bank(id: string, name: string, country = "DE"): Institution {
  return { provider: "sandbox", providerInstitutionId: id, name, country, bic: null, logoUrl: null, beta: false, maxHistoryDays: 730, supportsBackgroundRefresh: true, accountTypes: [], available: true };
}

function fakeProvider(list: () => Promise<Institution[]>): Provider {
  return { name: "sandbox", listInstitutions: list } as unknown as Provider;
}

const NOW = new Date("2026-11-25T09:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe("refreshDirectory", () => {
  it("loads a provider's banks once a day, upserting (a renamed bank keeps its row)", async () => {
    let names = ["Alpha Bank", "Beta Bank"];
    let calls = 0;
    const provider = fakeProvider(async () => (calls++, names.map((name, i) => bank(`b${i}`, name))));
    expect(await refreshDirectory(db, [provider], NOW)).toEqual([{ provider: "sandbox", status: "refreshed", count: 2, delisted: 0 }]);
    const [before] = await db.select().from(institutions).where(eq(institutions.providerInstitutionId, "b0"));

    expect(await refreshDirectory(db, [provider], later(60_000))).toEqual([{ provider: "sandbox", status: "fresh" }]);
    expect(calls).toBe(1);

    names = ["Alpha Bank AG", "Beta Bank"];
    await refreshDirectory(db, [provider], later(25 * 3600_000));
    const [after] = await db.select().from(institutions).where(eq(institutions.providerInstitutionId, "b0"));
    expect(after!.id).toBe(before!.id);
    expect(after!.name).toBe("Alpha Bank AG");
    expect((await db.select({ n: count() }).from(institutions))[0]!.n).toBe(2);
  });

  it("records a failure, keeps the last good copy, and does not retry on every search", async () => {
    let fail = false;
    let calls = 0;
    const provider = fakeProvider(async () => {
      calls++;
      if (fail) throw new Error("provider down");
      return [bank("b0", "Alpha Bank")];
    });
    await refreshDirectory(db, [provider], NOW);
    fail = true;
    const failed = await refreshDirectory(db, [provider], later(25 * 3600_000));
    expect(failed).toEqual([{ provider: "sandbox", status: "failed", error: "provider down" }]);
    const [status] = await db.select().from(providerDirectoryStatus);
    // Not a provider's answer: the server log has the details, Settings says so.
    expect(status).toMatchObject({ institutionCount: 1, lastError: "An unexpected error on our side (see the server log).", lastSuccessAt: NOW });
    expect(await db.select().from(institutions)).toHaveLength(1);

    await refreshDirectory(db, [provider], later(25 * 3600_000 + 60_000));
    expect(calls).toBe(2); // backing off
    fail = false;
    await refreshDirectory(db, [provider], later(25 * 3600_000 + 11 * 60_000));
    expect(calls).toBe(3);
    const [recovered] = await db.select().from(providerDirectoryStatus);
    expect(recovered!.lastError).toBeNull();
  });

  it("shows a provider's refusal on Settings in the reader's language", async () => {
    const provider = fakeProvider(async () => { throw new ProviderTransient(); });
    await refreshDirectory(db, [provider], NOW);
    const sandboxIn = async (locale: "en" | "id") => (await providerOverview(db, locale)).find((p) => p.name === "sandbox")!.lastError;
    expect(await sandboxIn("en")).toBe(new ProviderTransient().message);
    expect(await sandboxIn("id")).toBe(renderStoredMessage(storedMessage("providerErrors.provider_transient"), "id"));
    expect(await sandboxIn("id")).not.toBe(await sandboxIn("en"));
  });
});
