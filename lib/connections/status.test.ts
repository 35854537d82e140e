import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections } from "@/db/schema";
import { listBankAccounts } from "@/lib/bank-accounts/queries";
import { createSandboxProvider } from "@/lib/providers/sandbox/sandbox-provider";
import { sandboxProviderConfig } from "@/lib/providers/sandbox/config";
import { recordLoginRequired } from "@/lib/sync/run";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { shownStateOf } from "@/lib/testing/shown-state";
import { getConnectionDetail, listCompanyConnections } from "./overview";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const at = (iso: string) => new Date(iso);

describe("the state a connection shows follows its newest run", () => {
  it("waits for the security code while a run waits for it, and is active once the code is taken", async () => {
    world.clock.now = at("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank MFA");
    expect(await shownStateOf(connectionId)).toBe("waiting_mfa");
    expect((await db.select({ state: bankConnections.state }).from(bankConnections).where(eq(bankConnections.id, connectionId)))[0]!.state).toBe("active");
    // The bank's "sign in again" notice is its request for that code: the wait goes on.
    expect(await recordLoginRequired(db, { ...actor, connectionId, now: world.clock.now })).toBe(false);
    expect(await shownStateOf(connectionId)).toBe("waiting_mfa");

    await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual", mfaCode: "123456" });
    expect(await shownStateOf(connectionId)).toBe("active");
  });

  it("needs the user after the bank asks to sign in again, on every page, until a run succeeds", async () => {
    world.clock.now = at("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    world.clock.now = at("2026-11-25T10:00:00Z");
    expect(await recordLoginRequired(db, { ...actor, connectionId, now: world.clock.now })).toBe(true);

    expect(await shownStateOf(connectionId)).toBe("error");
    expect((await listCompanyConnections(db, actor.companyId, { state: "error" })).map((c) => c.id)).toEqual([connectionId]);
    const detail = await getConnectionDetail(db, actor.companyId, connectionId);
    expect(detail).toMatchObject({ state: "error", lastRun: { status: "failed", errorMessage: "The bank asks you to sign in again. Update the credentials of this connection." } });
    const [card] = await listBankAccounts(db, actor.companyId);
    expect(card).toMatchObject({ connectionState: "error", lastRunMessage: "The bank asks you to sign in again. Update the credentials of this connection." });

    world.clock.now = at("2026-11-25T11:00:00Z");
    expect((await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" })).status).toBe("succeeded");
    expect(await shownStateOf(connectionId)).toBe("active");
    expect(await listCompanyConnections(db, actor.companyId, { state: "error" })).toEqual([]);
    expect((await listBankAccounts(db, actor.companyId))[0]!.connectionState).toBe("active");
  });

  it("stays active after a failure the next attempt may fix, and keeps the link's own lifecycle first", async () => {
    world.clock.now = at("2026-11-25T09:00:00Z");
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const down = createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: "http://127.0.0.1:9/sandbox", timeoutMs: 1_000 });
    world.clock.now = at("2026-11-25T10:00:00Z");
    expect((await syncConnection({ ...world.deps, provider: () => down }, { ...actor, connectionId, trigger: "manual" })).errorCode).toBe("provider_transient");
    expect(await shownStateOf(connectionId)).toBe("active");

    await recordLoginRequired(db, { ...actor, connectionId, now: at("2026-11-25T11:00:00Z") });
    await db.update(bankConnections).set({ state: "disconnected" }).where(eq(bankConnections.id, connectionId));
    expect(await shownStateOf(connectionId)).toBe("disconnected");
  });

  it("shows no connection state for a manual account", async () => {
    const { actor } = await connectBank(world, "Demo Bank");
    await db.update(bankAccounts).set({ connectionId: null }).where(eq(bankAccounts.companyId, actor.companyId));
    expect(new Set((await listBankAccounts(db, actor.companyId)).map((a) => a.connectionState))).toEqual(new Set([null]));
  });
});
