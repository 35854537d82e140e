import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, transactions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { ProviderTransient } from "@/lib/providers/errors";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { setAutoSync } from "./auto-sync";
import { deleteConnection } from "./delete";
import { connectionLog, listCompanyConnections } from "./overview";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

const lineCount = async () => (await db.select({ n: count() }).from(transactions))[0]!.n;

describe("deleteConnection", () => {
  it("revokes at the bank, deletes the connection and keeps its accounts and every transaction as manual", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const [row] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
    const ref = decryptSecret(row!.providerRefEncrypted!);
    const before = await lineCount();
    expect(before).toBeGreaterThan(0);

    expect(await deleteConnection(world.deps, actor, connectionId)).toEqual({ status: "deleted", accountsKept: 3 });
    expect(await db.select().from(bankConnections)).toEqual([]);
    expect(await lineCount()).toBe(before);
    const accounts = await db.select().from(bankAccounts);
    expect(accounts.map((a) => [a.connectionId, a.syncEnabled])).toEqual([[null, false], [null, false], [null, false]]);
    expect((await world.server.store.getConnection(ref))!.deletedAt).not.toBeNull();
    const log = await db.select().from(connectionEvents);
    expect(log.some((e) => /deleted\. 3 bank account\(s\) and all their transactions are kept/.test(e.message))).toBe(true);
  });

  it("when the bank keeps its record: says so, and lets the admin delete here afterwards", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank Manual Only");
    const first = await deleteConnection(world.deps, actor, connectionId);
    expect(first.status).toBe("record_remains");
    expect(first.status === "record_remains" && first.message).toMatch(/consent was revoked.*keeps a record.*Connected apps/s);
    const [revoked] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
    expect(revoked!.state).toBe("disconnected");
    expect(revoked!.consentRevokedAt).not.toBeNull();

    const lines = await lineCount();
    expect(await deleteConnection(world.deps, actor, connectionId)).toEqual({ status: "deleted", accountsKept: expect.any(Number) });
    expect(await lineCount()).toBe(lines);
  });

  it("keeps the connection when the provider cannot revoke, with a reference for support", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    const failing = { ...world.provider, revoke: async () => { throw new ProviderTransient(); } };
    const outcome = await deleteConnection({ db, provider: () => failing }, actor, connectionId);
    expect(outcome).toMatchObject({ status: "failed", errorReference: expect.stringMatching(/^OBS-/), clientId: expect.stringMatching(/^cl_/) });
    expect(await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId))).toHaveLength(1);
  });

  it("refuses another company's connection", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank");
    const other = await connectBank(world, "Demo Bank 90 days");
    expect(await deleteConnection(world.deps, other.actor, connectionId)).toEqual({ status: "not_found" });
    expect(await setAutoSync(db, other.actor, { connectionId, on: false })).toEqual({ ok: false, error: "This connection does not exist." });
    expect(await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId))).toHaveLength(1);
  });
});

describe("automatic synchronization switch and the overview", () => {
  it("turns automatic synchronization off with a log line, and lists connections by state", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank");
    expect(await setAutoSync(db, actor, { connectionId, on: false })).toEqual({ ok: true });
    const [listed] = await listCompanyConnections(db, actor.companyId);
    expect(listed).toMatchObject({ id: connectionId, autoSync: false, state: "active", institution: "Demo Bank" });
    expect(listed!.accounts).toHaveLength(3);
    expect(listed!.lastSyncAt).toBeInstanceOf(Date);
    expect(await listCompanyConnections(db, actor.companyId, { state: "error" })).toEqual([]);
    const [newest] = await connectionLog(db, actor.companyId, connectionId);
    expect(newest!.message).toMatch(/Automatic synchronization turned off/);
  });
});
