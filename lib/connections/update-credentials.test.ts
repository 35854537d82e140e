import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, transactions } from "@/db/schema";
import { completeSandboxConsent } from "@/lib/sandbox/consent-browser";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { completeConnect, confirmAccountSelection, parseAuthorized } from "./connect";
import { startUpdateCredentials } from "./update-credentials";
import { englishText } from "@/lib/i18n/stored-message";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("startUpdateCredentials", () => {
  it("re-consents the same connection; unticked accounts stop synchronizing and keep their lines", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank", { username: "acme" });
    const linesBefore = (await db.select().from(transactions)).length;
    const started = await startUpdateCredentials(world.deps, actor, { connectionId, callbackUrl: "http://app.test/cb", reason: "update_credentials" });
    if (!started.ok) throw new Error(englishText(started.error));
    const callback = await completeSandboxConsent(started.redirectUrl, { username: "acme" });
    const completed = await completeConnect(world.deps, actor, callback.searchParams);
    expect(completed).toEqual({ ok: true, connectionId });

    const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
    const authorized = parseAuthorized(connection!.authorizedAccounts);
    expect(authorized).toHaveLength(3);
    const keep = authorized.slice(0, 2).map((a) => ({ providerAccountId: a.providerAccountId, mapToBankAccountId: null }));
    const confirmed = await confirmAccountSelection(world.deps, actor, { connectionId, selections: keep });
    expect(confirmed.ok && confirmed.outcome.status).toBe("succeeded");

    const accounts = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, connectionId));
    expect(accounts).toHaveLength(3);
    expect(accounts.filter((a) => a.syncEnabled)).toHaveLength(2);
    expect((await db.select().from(transactions)).length).toBe(linesBefore);
  });

  it("keeps a working connection active when the update is refused at the bank", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank 90 days", { username: "acme" });
    const started = await startUpdateCredentials(world.deps, actor, { connectionId, callbackUrl: "http://app.test/cb", reason: "reconnect" });
    if (!started.ok) throw new Error(englishText(started.error));
    const callback = await completeSandboxConsent(started.redirectUrl, { username: "acme", password: "wrong" });
    const completed = await completeConnect(world.deps, actor, callback.searchParams);
    expect(completed.ok).toBe(false);
    const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
    expect(connection).toMatchObject({ state: "active", lastErrorCode: "invalid_credentials" });
  });

  it("refuses another company's connection", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank 90 days");
    const other = await connectBank(world, "Demo Bank Beta");
    const started = await startUpdateCredentials(world.deps, other.actor, { connectionId, callbackUrl: "http://app.test/cb", reason: "update_credentials" });
    expect(started).toEqual({ ok: false, error: { key: "connectionMissing" } });
  });
});
