import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, transactions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { ProviderTransient } from "@/lib/providers/errors";
import { englishText, renderStoredMessage, showStored } from "@/lib/i18n/stored-message";
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
    const deleted = log.find((e) => e.messageKey === "connections.deleted");
    expect(deleted!.message).toMatch(/^Connection to Demo Bank \(cl_[\w-]+\) deleted\. 3 bank accounts and all their transactions are kept as manual accounts\.$/);
    // An Indonesian reader of the log sees the same line in Indonesian.
    expect(showStored({ text: deleted!.message, key: deleted!.messageKey, params: deleted!.messageParams }, "id"))
      .toMatch(/^Koneksi ke Demo Bank \(cl_[\w-]+\) dihapus\. 3 rekening bank beserta seluruh transaksinya tetap disimpan sebagai rekening manual\.$/);
  });

  it("when the bank keeps its record: says so, and lets the admin delete here afterwards", async () => {
    const { actor, connectionId } = await connectBank(world, "Demo Bank Manual Only");
    const first = await deleteConnection(world.deps, actor, connectionId);
    expect(first.status).toBe("record_remains");
    expect(first.status === "record_remains" && englishText(first.message)).toMatch(/consent was revoked.*keeps a record.*Connected apps/s);
    // The bank's own instructions stay as the bank wrote them, inside an Indonesian sentence.
    expect(first.status === "record_remains" && renderStoredMessage(first.message, "id")).toMatch(/^Persetujuan telah dicabut\. .*Connected apps.* Sekarang Anda dapat menghapus koneksi ini di sini/s);
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
    expect(outcome.status === "failed" && renderStoredMessage(outcome.message, "id")).toBe(
      "Penyedia tidak dapat mencabut persetujuan, sehingga koneksi tidak dihapus: Agregator bank tidak dapat dihubungi atau gagal menjawab. Kami akan mencoba lagi nanti.",
    );
    expect(await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId))).toHaveLength(1);
  });

  it("refuses another company's connection", async () => {
    const { connectionId } = await connectBank(world, "Demo Bank");
    const other = await connectBank(world, "Demo Bank 90 days");
    expect(await deleteConnection(world.deps, other.actor, connectionId)).toEqual({ status: "not_found" });
    expect(await setAutoSync(db, other.actor, { connectionId, on: false })).toEqual({ ok: false, error: { key: "connectionMissing" } });
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
