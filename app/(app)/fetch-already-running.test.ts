/**
 * Fetch Transactions pressed while a run of the connection goes on: the answer says so,
 * in the reader's words, and flags it so the button watches that run (components/live-run)
 * instead of showing a failure; no second run is opened.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, syncRuns } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { openRun } from "@/lib/sync/run";
import { formData } from "@/lib/testing/form-data";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { fetchTransactionsAction } = await import("./actions");

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld(new Date());
  process.env.SANDBOX_BASE_URL = world.server.baseUrl;
});
afterAll(async () => {
  await world.server.close();
});

describe("fetchTransactionsAction during a running sync", () => {
  it("answers 'already running' and opens no second run", async () => {
    const bank = await connectBank(world, "Demo Bank", { username: "already-running" });
    signInAs(await loadMembership(db, bank.actor.userId));
    const [account] = await db.select({ id: bankAccounts.id }).from(bankAccounts).where(eq(bankAccounts.connectionId, bank.connectionId));
    const opened = await openRun(db, { companyId: bank.actor.companyId, connectionId: bank.connectionId, trigger: "scheduled", now: new Date() });
    expect("id" in opened).toBe(true);

    const state = await fetchTransactionsAction({ status: "idle", message: null }, formData({ bankAccountId: account!.id }));
    expect(state).toEqual({
      status: "running", alreadyRunning: true,
      message: "A synchronization of this connection is already running. Its result will show here when it ends.",
    });
    const [runs] = await db.select({ n: count() }).from(syncRuns).where(eq(syncRuns.connectionId, bank.connectionId));
    expect(runs!.n).toBe(2);
  });
});
