import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { englishText } from "@/lib/i18n/stored-message";
import { institutions, providerDirectoryStatus } from "@/db/schema";
import { startConnect } from "@/lib/connections/connect";
import type { Institution, Provider } from "@/lib/providers/types";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { refreshDirectory } from "./directory";
import { listCountries, searchInstitutions } from "./search";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(world.clock.now.getTime() + days * DAY);

/** The Sandbox's real directory, minus the banks named, or failing after its first page. */
function sandboxListing(options: { without?: string[]; fail?: boolean; empty?: boolean }): Provider {
  return {
    ...world.provider,
    async listInstitutions(): Promise<Institution[]> {
      const all = await world.provider.listInstitutions();
      if (options.fail) throw new Error("page 2 of the directory timed out");
      if (options.empty) return [];
      return all.filter((bank) => !options.without?.includes(bank.name));
    },
  };
}

const offered = async (query: string) =>
  (await searchInstitutions(db, { query, providers: ["sandbox"], limit: 50 })).map((r) => [r.name, r.options[0]!.available]);
const row = async (name: string) => (await db.select().from(institutions).where(eq(institutions.name, name)))[0]!;

describe("a bank the provider stops listing", () => {
  it("is kept for its connections but out of the search, a failed or empty listing marks nothing, and it comes back when listed again", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const demoBank = await row("Demo Bank");
    await refreshDirectory(db, [world.provider], at(1), { force: true });
    expect(await offered("Demo Bank")).toContainEqual(["Demo Bank", true]);
    // The provider reports this one as down: still offered, marked unavailable.
    expect(await offered("Demo Bank Unavailable")).toEqual([["Demo Bank Unavailable", false]]);
    const [before] = await db.select().from(providerDirectoryStatus);

    // A refresh that fails part-way, or lists nothing, changes nothing.
    const failed = await refreshDirectory(db, [sandboxListing({ without: ["Demo Bank"], fail: true })], at(2), { force: true });
    expect(failed).toMatchObject([{ status: "failed", error: "page 2 of the directory timed out" }]);
    const empty = await refreshDirectory(db, [sandboxListing({ empty: true })], at(2), { force: true });
    expect(empty).toMatchObject([{ status: "failed" }]);
    expect(await offered("Demo Bank")).toContainEqual(["Demo Bank", true]);
    expect(await row("Demo Bank")).toMatchObject({ available: true });
    expect((await db.select().from(providerDirectoryStatus))[0]).toMatchObject({ institutionCount: before!.institutionCount, lastSuccessAt: before!.lastSuccessAt });

    // A full refresh without Demo Bank (and without the bank that was down).
    const refreshed = await refreshDirectory(db, [sandboxListing({ without: ["Demo Bank", "Demo Bank Unavailable"] })], at(3), { force: true });
    expect(refreshed).toEqual([{ provider: "sandbox", status: "refreshed", count: before!.institutionCount - 2, delisted: 2 }]);
    // Settings → Providers counts the banks the provider lists.
    expect((await db.select().from(providerDirectoryStatus))[0]!.institutionCount).toBe(before!.institutionCount - 2);
    const offeredNow = await offered("Demo Bank");
    expect(offeredNow.map(([name]) => name)).not.toContain("Demo Bank");
    expect(offeredNow.map(([name]) => name)).not.toContain("Demo Bank Unavailable");
    expect(offeredNow.map(([name]) => name)).toContain("Demo Bank MFA");
    // The row is kept, same id, still referenced by the connection.
    expect(await row("Demo Bank")).toMatchObject({ id: demoBank.id, available: false });

    // A new connection to it is refused, even from a search page opened earlier…
    const started = await startConnect(world.deps, actor, { institutionId: demoBank.id, consent: true, callbackUrl: "http://app.test/connect/callback" });
    expect(!started.ok && englishText(started.error)).toBe("Sandbox no longer offers Demo Bank. Search again for the bank.");
    // …while the existing connection keeps synchronizing.
    world.clock.now = at(3);
    expect((await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" })).status).toBe("succeeded");

    // Another refresh still without it: nothing new is delisted, it stays out.
    expect(await refreshDirectory(db, [sandboxListing({ without: ["Demo Bank", "Demo Bank Unavailable"] })], at(4), { force: true }))
      .toMatchObject([{ status: "refreshed", delisted: 0 }]);
    expect((await offered("Demo Bank")).map(([name]) => name)).not.toContain("Demo Bank");

    // Listed again: offered again, with what the provider says about it.
    expect(await refreshDirectory(db, [world.provider], at(5), { force: true })).toMatchObject([{ status: "refreshed", delisted: 0 }]);
    expect(await offered("Demo Bank")).toContainEqual(["Demo Bank", true]);
    expect(await offered("Demo Bank Unavailable")).toEqual([["Demo Bank Unavailable", false]]);
    expect(await row("Demo Bank")).toMatchObject({ id: demoBank.id, available: true });
  });

  it("leaves a country out of the country list once none of its banks is listed", async () => {
    await refreshDirectory(db, [world.provider], at(10), { force: true });
    const banks = await world.provider.listInstitutions();
    const country = banks[0]!.country;
    const others = banks.filter((b) => b.country === country).map((b) => b.name);
    expect(await listCountries(db, ["sandbox"])).toContain(country);
    await refreshDirectory(db, [sandboxListing({ without: others })], at(11), { force: true });
    expect(await listCountries(db, ["sandbox"])).not.toContain(country);
  });
});
