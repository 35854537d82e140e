/**
 * The authorization suite: signed in as a member of company A, every server action and
 * route handler is called with ids of company B, and with hostile input. Each is refused
 * with a clear answer (never a 500) and nothing of B changes.
 *
 * Server actions are called as functions with the session mocked at the one
 * authorization helper (lib/auth/membership), which is exactly where they read it.
 */
import { count, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, companies, syncRuns, transactions } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { formData } from "@/lib/testing/form-data";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { signInAs, signedInMembership } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "app.test" }) }));

const { fetchTransactionsAction, reconsentAction } = await import("./actions");
const { confirmAccountsAction } = await import("./connect/actions");
const { saveLockDate } = await import("./settings/actions");
const { GET: exportCsv } = await import("./accounts/[id]/export/route");

let world: SandboxWorld;
let victim: { companyId: string; connectionId: string; bankAccountId: string };
const form = formData;

beforeAll(async () => {
  world = await startSandboxWorld();
  process.env.SANDBOX_BASE_URL = world.server.baseUrl;
});
afterAll(async () => {
  await world.server.close();
});

beforeEach(async () => {
  const b = await connectBank(world, "Demo Bank 90 days", { username: "company-b" });
  const [account] = await db.select().from(bankAccounts).where(eq(bankAccounts.connectionId, b.connectionId));
  victim = { companyId: b.actor.companyId, connectionId: b.connectionId, bankAccountId: account!.id };
  const a = await connectBank(world, "Demo Bank Beta", { username: "company-a" });
  signInAs(await loadMembership(db, a.actor.userId));
});

/** What a refused call must leave exactly as it was. */
async function snapshotOfB() {
  const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, victim.connectionId));
  const [runs] = await db.select({ n: count() }).from(syncRuns).where(eq(syncRuns.connectionId, victim.connectionId));
  const [lines] = await db.select({ n: count() }).from(transactions).where(eq(transactions.bankAccountId, victim.bankAccountId));
  const [company] = await db.select().from(companies).where(eq(companies.id, victim.companyId));
  return { connection, runs: runs!.n, lines: lines!.n, company };
}

describe("a member of company A cannot touch company B", () => {
  it("Fetch Transactions on B's account is refused", async () => {
    const before = await snapshotOfB();
    const state = await fetchTransactionsAction({ status: "idle", message: null }, form({ bankAccountId: victim.bankAccountId }));
    expect(state).toMatchObject({ status: "failed", message: "This bank account does not exist." });
    const code = await fetchTransactionsAction({ status: "idle", message: null }, form({ bankAccountId: victim.bankAccountId, code: "123456" }));
    expect(code.status).toBe("failed");
    expect(await snapshotOfB()).toEqual(before);
  });

  it("Reconnect / Update Credentials / Renew consent on B's connection is refused", async () => {
    const before = await snapshotOfB();
    for (const reason of ["reconnect", "update_credentials", "renew_consent"]) {
      expect(await reconsentAction({ error: null }, form({ connectionId: victim.connectionId, reason }))).toEqual({ error: "This connection does not exist." });
    }
    expect(await snapshotOfB()).toEqual(before);
  });

  it("confirming accounts of B's connection is refused", async () => {
    await db.update(bankConnections).set({ state: "selecting_accounts", authorizedAccounts: [] }).where(eq(bankConnections.id, victim.connectionId));
    const before = await snapshotOfB();
    const state = await confirmAccountsAction({ error: null }, form({ connectionId: victim.connectionId, account: "x" }));
    expect(state).toEqual({ error: "This connection does not exist." });
    expect(await snapshotOfB()).toEqual(before);
  });

  it("the CSV export of B's account answers 404, and 401 without a session", async () => {
    const url = `http://app.test/accounts/${victim.bankAccountId}/export`;
    const response = await exportCsv(new NextRequest(url), { params: Promise.resolve({ id: victim.bankAccountId }) });
    expect(response.status).toBe(404);
    signInAs(null);
    const anonymous = await exportCsv(new NextRequest(url), { params: Promise.resolve({ id: victim.bankAccountId }) });
    expect(anonymous.status).toBe(401);
  });

  it("the lock date an admin of A saves never lands on B", async () => {
    const before = await snapshotOfB();
    const result = await saveLockDate(null, form({ lockDate: "2020-01-31", companyId: victim.companyId }));
    expect(result).toMatchObject({ ok: true });
    expect(await snapshotOfB()).toEqual(before);
  });
});

describe("hostile input gets a clear refusal, never a crash or a write", () => {
  const hostile = ["<script>alert(1)</script>", "'; drop table transactions; --", "9".repeat(10_000), "../../etc/passwd", "", "null"];

  it("Fetch Transactions", async () => {
    const before = await snapshotOfB();
    for (const value of hostile) {
      const state = await fetchTransactionsAction({ status: "idle", message: null }, form({ bankAccountId: value, code: value }));
      expect(state.status).toBe("failed");
      expect(state.message).toBeTruthy();
    }
    expect(await snapshotOfB()).toEqual(before);
  });

  it("re-consent and account confirmation", async () => {
    for (const value of hostile) {
      expect((await reconsentAction({ error: null }, form({ connectionId: value, reason: value }))).error).toBe("Invalid request.");
      expect((await confirmAccountsAction({ error: null }, form({ connectionId: value, account: value }))).error).toBeTruthy();
    }
  });

  it("lock date", async () => {
    for (const value of hostile.filter(Boolean)) {
      const result = await saveLockDate(null, form({ lockDate: value }));
      expect(result).toMatchObject({ ok: false });
    }
    const [company] = await db.select().from(companies).where(eq(companies.id, signedInMembership()!.companyId));
    expect(company!.lockDate).toBeNull();
  });
});
