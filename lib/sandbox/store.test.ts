import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createDbSandboxStore, createMemorySandboxStore, type SandboxConnection, type SandboxStore } from "./store";

const NOW = new Date("2025-06-15T10:00:00.000Z");

function connection(overrides: Partial<SandboxConnection> = {}): SandboxConnection {
  return {
    id: "conn_1",
    institutionId: "demo_bank",
    username: "alice",
    customerRef: "company-1",
    accountType: "business",
    accountIds: ["acc_1", "acc_2"],
    consentExpiresAt: new Date("2025-09-13T10:00:00.000Z"),
    revokedAt: null,
    deletedAt: null,
    webhookUrl: null,
    notifiedThrough: null,
    simulatedFailure: null,
    lateBookings: [],
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

// The same behaviour from both stores: the app runs on PostgreSQL, fast tests on memory.
describe.each([
  ["memory", () => createMemorySandboxStore()],
  ["PostgreSQL", () => createDbSandboxStore(getDb())],
])("Sandbox %s store", (_name, makeStore: () => SandboxStore) => {
  it("lets a link session's code be exchanged once only", async () => {
    const store = makeStore();
    await store.createLinkSession({
      id: "ls_1",
      institutionId: "demo_bank",
      redirectUri: "http://localhost:3000/callback",
      state: "s",
      accountType: null,
      connectionId: null,
      customerRef: null,
      webhookUrl: null,
      createdAt: NOW,
      expiresAt: new Date(NOW.getTime() + 1_800_000),
      exchangedAt: null,
    });
    expect(await store.markLinkSessionExchanged("ls_1", NOW)).toBe(true);
    expect(await store.markLinkSessionExchanged("ls_1", NOW)).toBe(false);
    expect((await store.getLinkSession("ls_1"))?.exchangedAt).toEqual(NOW);
    expect(await store.getLinkSession("ls_unknown")).toBeNull();
  });

  it("keeps connections, finds live ones per customer and forgets revoked ones", async () => {
    const store = makeStore();
    await store.createConnection(connection());
    expect(await store.getConnection("conn_1")).toEqual(connection());
    const login = { institutionId: "demo_bank", username: "alice", customerRef: "company-1" };
    expect((await store.findLiveConnection(login))?.id).toBe("conn_1");
    expect(await store.findLiveConnection({ ...login, customerRef: "company-2" })).toBeNull();
    await store.updateConnection("conn_1", { revokedAt: NOW, accountIds: ["acc_2"], updatedAt: NOW });
    expect(await store.findLiveConnection(login)).toBeNull();
    expect((await store.getConnection("conn_1"))?.accountIds).toEqual(["acc_2"]);
    const lateBookings = [{ accountId: "acc_2", bookingDate: "2025-06-12", bookedAt: NOW.toISOString() }];
    await store.updateConnection("conn_1", { lateBookings, updatedAt: NOW });
    expect((await store.getConnection("conn_1"))?.lateBookings).toEqual(lateBookings);
  });

  it("counts refreshes per connection and UTC day", async () => {
    const store = makeStore();
    await store.createConnection(connection());
    await store.createConnection(connection({ id: "conn_2" }));
    expect(await store.recordRefresh("conn_1", "2025-06-15")).toBe(1);
    expect(await store.recordRefresh("conn_1", "2025-06-15")).toBe(2);
    expect(await store.recordRefresh("conn_2", "2025-06-15")).toBe(1);
    expect(await store.recordRefresh("conn_1", "2025-06-16")).toBe(1);
    expect(await store.countRefreshes("conn_1", "2025-06-15")).toBe(2);
    expect(await store.countRefreshes("conn_2", "2025-06-16")).toBe(0);
  });
});
