/**
 * The schedule as the pages show it, rendered as the browser receives them: a bank card's
 * "Next sync" line, and Settings' automatic synchronization section with the last pass and
 * the next; on a server started with BACKGROUND_SYNC=off both say plainly that automatic
 * synchronization is off on this server, and name no scheduler or pass.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { loadMembership } from "@/lib/auth/load-membership";
import { syncConnection } from "@/lib/sync/run-sync";
import { renderedHtml, visibleText } from "@/lib/testing/rendered";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { default: DashboardPage } = await import("./page");
const { default: SettingsPage } = await import("./settings/page");

let world: SandboxWorld;
let saved: string | undefined;
beforeAll(async () => {
  world = await startSandboxWorld(new Date());
  process.env.SANDBOX_BASE_URL = world.server.baseUrl;
  saved = process.env.BACKGROUND_SYNC;
});
afterAll(async () => {
  await world.server.close();
});
afterEach(() => {
  if (saved === undefined) delete process.env.BACKGROUND_SYNC;
  else process.env.BACKGROUND_SYNC = saved;
});

const dashboardText = async () => visibleText(await renderedHtml(await DashboardPage({ searchParams: Promise.resolve({}) })));
const settingsText = async () => visibleText(await renderedHtml(await SettingsPage()));

describe("the schedule shown", () => {
  it("says on the card when the connection synchronizes next, and in Settings the last pass with its counts", async () => {
    const bank = await connectBank(world, "Demo Bank", { username: "schedule-shown" });
    signInAs(await loadMembership(db, bank.actor.userId));
    delete process.env.BACKGROUND_SYNC;

    // This process runs no scheduler timer: the card names the next pass without a time.
    expect(await dashboardText()).toContain("Next sync: at the next automatic pass");
    expect(await settingsText()).toMatch(/Last automatic pass None yet Next automatic pass Not known yet/);

    const pass = await syncConnection(world.deps, { ...bank.actor, connectionId: bank.connectionId, trigger: "scheduled" });
    expect(pass.status).toBe("succeeded");
    const settings = await settingsText();
    expect(settings).toMatch(new RegExp(`Last automatic pass \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: 1 connection synchronized, 0 failed, ${pass.inserted} lines? imported`));
    expect(settings).not.toContain("off on this server");
  });

  it("says plainly that automatic synchronization is off on a server started with BACKGROUND_SYNC=off", async () => {
    const bank = await connectBank(world, "Demo Bank", { username: "schedule-off" });
    signInAs(await loadMembership(db, bank.actor.userId));
    process.env.BACKGROUND_SYNC = "off";

    const dashboard = await dashboardText();
    expect(dashboard).toContain("Automatic synchronization is off on this server");
    expect(dashboard).not.toContain("Next sync:");
    const settings = await settingsText();
    expect(settings).toContain("Automatic synchronization Automatic synchronization is off on this server");
    expect(settings).not.toMatch(/Built-in scheduler|Next automatic pass|Last automatic pass|Within twelve hours/);
  });
});
