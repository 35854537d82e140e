/**
 * The route pages poll while a sync runs: signed in only, connection ids checked, and only
 * the signed-in company's runs answered (another company's connection is simply absent).
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { loadMembership } from "@/lib/auth/load-membership";
import { openRun } from "@/lib/sync/run";
import type { LiveRun } from "@/lib/sync/run-state";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);

const { GET } = await import("./route");

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const ask = (...ids: string[]) => GET(new NextRequest(`http://app.test/api/sync-status?${new URLSearchParams(ids.map((id) => ["connection", id]))}`));

describe("GET /api/sync-status", () => {
  it("answers the newest run of the company's own connections (here one still running), nothing of another company's", async () => {
    const mine = await connectBank(world, "Demo Bank", { username: "status-mine" });
    const theirs = await connectBank(world, "Demo Bank", { username: "status-theirs" });

    signInAs(null);
    expect((await ask(mine.connectionId)).status).toBe(401);

    signInAs(await loadMembership(db, mine.actor.userId));
    expect((await ask()).status).toBe(400);
    const bad = await ask("not-a-uuid");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "Give 1 to 500 connection ids (UUIDs) as ?connection=." });

    world.clock.now = new Date(world.clock.now.getTime() + 60_000);
    const opened = await openRun(db, { companyId: mine.actor.companyId, connectionId: mine.connectionId, trigger: "manual", now: world.clock.now });
    if ("refusal" in opened) throw new Error(opened.refusal.key);
    const response = await ask(mine.connectionId, theirs.connectionId);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { runs } = (await response.json()) as { runs: LiveRun[] };
    expect(runs).toEqual([expect.objectContaining({ connectionId: mine.connectionId, runId: opened.id, status: "running" })]);
  });
});
