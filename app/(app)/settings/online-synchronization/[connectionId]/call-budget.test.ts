/**
 * The connection page (Settings → Online Synchronization → a connection), rendered as an
 * admin in developer mode sees it: its "Calls to the bank" section says how many calls
 * the bank still allows today and, once none is left, when the next refresh is allowed.
 * Against the Sandbox's "Demo Bank Daily Limit" (one call per connection and UTC day) and
 * a bank that allows four.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankConnections, institutions } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { renderedHtml, visibleText } from "@/lib/testing/rendered";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "app.test" }) }));

const { default: ConnectionPage } = await import("./page");

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
  process.env.SANDBOX_BASE_URL = world.server.baseUrl;
});
afterAll(async () => {
  await world.server.close();
});

// The page reads the budget at the real time (new Date()): only Date is faked, so it and
// the Sandbox's clock agree, while timers and the database work as usual.
function setTime(at: string) {
  world.clock.now = new Date(at);
  vi.setSystemTime(world.clock.now);
}
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  setTime("2026-11-25T09:00:00Z");
});
afterEach(() => {
  vi.useRealTimers();
});

/** The page's "Calls left today" section as the admin reads it, or null when the page has none. */
async function callsSection(connectionId: string, userId: string): Promise<string | null> {
  signInAs({ ...(await loadMembership(db, userId))!, developerMode: true });
  const html = await renderedHtml(await ConnectionPage({ params: Promise.resolve({ connectionId }) }));
  const section = /<section[^>]*aria-label="Calls left today"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1];
  return section === undefined ? null : visibleText(section);
}

describe("the connection page's call budget", () => {
  it("at Demo Bank Daily Limit after one sync: 0 of 1 call left, and the next refresh at the next UTC midnight; the next day 1 of 1 again", async () => {
    const { actor, connectionId, firstSync } = await connectBank(world, "Demo Bank Daily Limit");
    expect(firstSync.status).toBe("succeeded");

    setTime("2026-11-25T15:30:00Z");
    expect(await callsSection(connectionId, actor.userId))
      .toBe("Calls to the bank 0 of 1 call left today (UTC day) Next refresh allowed at 26 Nov 2026, 00:00 UTC");

    setTime("2026-11-26T08:00:00Z");
    expect(await callsSection(connectionId, actor.userId)).toBe("Calls to the bank 1 of 1 call left today (UTC day)");
  });

  it("at a bank that allows four calls a day, after one sync: 3 of 4 calls left and no next-refresh time", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    // Without a limit the page shows no budget at all.
    expect(await callsSection(connectionId, actor.userId)).toBeNull();

    const [connection] = await db.select({ institutionId: bankConnections.institutionId }).from(bankConnections).where(eq(bankConnections.id, connectionId));
    await db.update(institutions).set({ dailyCallLimit: 4 }).where(eq(institutions.id, connection!.institutionId));
    setTime("2026-11-25T10:00:00Z");
    expect((await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" })).status).toBe("succeeded");

    expect(await callsSection(connectionId, actor.userId)).toBe("Calls to the bank 3 of 4 calls left today (UTC day)");
  });
});
