/**
 * The Online Synchronization pages and actions are for admins in developer mode, and only
 * for their own company: everyone else gets 403 pages and refused actions, including when
 * posting to the server actions directly, and nothing changes.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankConnections, connectionEvents, users } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { loadMembership } from "@/lib/auth/load-membership";
import { formData } from "@/lib/testing/form-data";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { signInAs, signedInMembership } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "app.test" }) }));
// What next.config.ts's experimental.authInterrupts sets in the built app.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { setAutoSyncAction, deleteConnectionAction, reconsentFromDeveloperPageAction } = await import("./actions");
const { setDeveloperModeAction } = await import("../../actions");
const { default: ListPage } = await import("./page");
const { default: ConnectionPage } = await import("./[connectionId]/page");
const { default: RunsPage } = await import("./runs/page");

let world: SandboxWorld;
let own: { connectionId: string; admin: Membership };
let other: { connectionId: string };

const form = formData;
const refused = { error: "Only an administrator in developer mode can do this." };

beforeAll(async () => {
  world = await startSandboxWorld();
  process.env.SANDBOX_BASE_URL = world.server.baseUrl;
});
afterAll(async () => {
  await world.server.close();
});

beforeEach(async () => {
  const b = await connectBank(world, "Demo Bank", { username: "company-b" });
  other = { connectionId: b.connectionId };
  const a = await connectBank(world, "Demo Bank 90 days", { username: "company-a" });
  own = { connectionId: a.connectionId, admin: (await loadMembership(db, a.actor.userId))! };
});

async function snapshot() {
  return { connections: await db.select().from(bankConnections).orderBy(bankConnections.id), log: (await db.select().from(connectionEvents)).length };
}

async function everyActionIsRefused(connectionId: string, expected: unknown) {
  const before = await snapshot();
  expect(await setAutoSyncAction({ error: null }, form({ connectionId, on: "false" }))).toEqual(expected);
  expect(await deleteConnectionAction({ error: null }, form({ connectionId }))).toEqual(expected);
  for (const reason of ["update_credentials", "reconnect"]) {
    expect(await reconsentFromDeveloperPageAction({ error: null }, form({ connectionId, reason }))).toEqual(expected);
  }
  expect(await snapshot()).toEqual(before);
}

async function everyPageIs403(connectionId: string) {
  const forbidden = { digest: expect.stringContaining("403") };
  await expect(ListPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject(forbidden);
  await expect(ConnectionPage({ params: Promise.resolve({ connectionId }) })).rejects.toMatchObject(forbidden);
  await expect(RunsPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject(forbidden);
}

describe("Online Synchronization authorization", () => {
  it("a user-role member: 403 pages, refused actions, and cannot turn developer mode on", async () => {
    signInAs({ ...own.admin, role: "user", developerMode: true });
    await everyPageIs403(own.connectionId);
    await everyActionIsRefused(own.connectionId, refused);
    expect(await setDeveloperModeAction({ error: null }, form({ on: "true" }))).toEqual({ error: "Only an administrator can activate developer mode." });
    const [user] = await db.select().from(users).where(eq(users.id, own.admin.userId));
    expect(user!.developerMode).toBe(false);
  });

  it("an admin without developer mode: the same, until they turn it on", async () => {
    signInAs({ ...own.admin, developerMode: false });
    await everyPageIs403(own.connectionId);
    await everyActionIsRefused(own.connectionId, refused);
    expect(await setDeveloperModeAction({ error: null }, form({ on: "true" }))).toEqual({ error: null });
    signInAs(await loadMembership(db, own.admin.userId));
    expect(signedInMembership()!.developerMode).toBe(true);
    await expect(ListPage({ searchParams: Promise.resolve({}) })).resolves.toBeTruthy();
  });

  it("an admin in developer mode cannot reach another company's connection", async () => {
    signInAs({ ...own.admin, developerMode: true });
    await expect(ConnectionPage({ params: Promise.resolve({ connectionId: other.connectionId }) })).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    await everyActionIsRefused(other.connectionId, { error: "This connection does not exist." });
  });

  it("hostile input is refused without a write", async () => {
    signInAs({ ...own.admin, developerMode: true });
    const before = await snapshot();
    for (const value of ["<script>", "'; drop table bank_connections; --", "9".repeat(5000), ""]) {
      expect(await setAutoSyncAction({ error: null }, form({ connectionId: value, on: value }))).toEqual({ error: "Invalid request." });
      expect(await deleteConnectionAction({ error: null }, form({ connectionId: value }))).toEqual({ error: "Invalid request." });
      expect(await reconsentFromDeveloperPageAction({ error: null }, form({ connectionId: value, reason: value }))).toEqual({ error: "Invalid request." });
      await expect(ConnectionPage({ params: Promise.resolve({ connectionId: value }) })).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    }
    expect(await snapshot()).toEqual(before);
  });
});
