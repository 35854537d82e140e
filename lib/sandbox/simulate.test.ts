/** The Sandbox's test controls: a bank that fails, or wants the user to sign in again. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { syncConnection } from "@/lib/sync/run-sync";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { completeConnect } from "@/lib/connections/connect";
import { startUpdateCredentials } from "@/lib/connections/update-credentials";
import { completeSandboxConsent } from "./consent-browser";
import { shownStateOf } from "@/lib/testing/shown-state";
import { englishText } from "@/lib/i18n/stored-message";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

async function simulate(connectionId: string, failure: "bank_error" | "login_required" | null) {
  const [row] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
  const ref = decryptSecret(row!.providerRefEncrypted!);
  const response = await fetch(`${world.server.baseUrl}/api/connections/${ref}/simulate`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ failure }),
  });
  expect(response.status).toBe(200);
}

describe("Sandbox simulated failures", () => {
  it("a bank error fails the fetch with a reference for support, until it is cleared", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    await simulate(connectionId, "bank_error");
    const failed = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(failed.status).toBe("failed");
    expect(failed.message).toMatch(/internal error/);
    expect(failed.errorReference).toMatch(/\S+/);

    await simulate(connectionId, null);
    expect((await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" })).status).toBe("succeeded");
  });

  it("a required login puts the connection in error; a new consent clears it", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    await simulate(connectionId, "login_required");
    world.clock.now = new Date(world.clock.now.getTime() + 60_000);
    const failed = await syncConnection(world.deps, { ...actor, connectionId, trigger: "manual" });
    expect(failed.status).toBe("failed");
    expect(await shownStateOf(connectionId)).toBe("error");

    const started = await startUpdateCredentials(world.deps, actor, { connectionId, callbackUrl: "http://app.test/cb", reason: "update_credentials" });
    if (!started.ok) throw new Error(englishText(started.error));
    const callback = await completeSandboxConsent(started.redirectUrl, {});
    expect(await completeConnect(world.deps, actor, callback.searchParams)).toEqual({ ok: true, connectionId });
    const [ref] = await db.select({ ref: bankConnections.providerRefEncrypted }).from(bankConnections).where(eq(bankConnections.id, connectionId));
    const atBank = await world.server.store.getConnection(decryptSecret(ref!.ref!));
    expect(atBank!.simulatedFailure).toBeNull();
  });
});
