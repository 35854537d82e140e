import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections, connectionEvents, institutions, syncRuns } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { companyRuns, connectionLog, connectionRuns, listCompanyConnections, RUNS_PAGE_SIZE } from "./overview";

let clientIds = 0;

async function bank(name: string) {
  const [row] = await db.insert(institutions).values({ provider: "sandbox", providerInstitutionId: name, name, country: "DE" }).returning();
  return row!.id;
}

async function connection(companyId: string, institutionId: string) {
  clientIds += 1;
  const [row] = await db.insert(bankConnections).values({ companyId, institutionId, provider: "sandbox", state: "active", clientId: `cl_test${clientIds}` }).returning();
  return row!.id;
}

async function run(companyId: string, connectionId: string | null, startedAt: string, status: "succeeded" | "failed" = "succeeded", errorCode: string | null = null) {
  await db.insert(syncRuns).values({ companyId, connectionId, trigger: "manual", status, errorCode, startedAt: new Date(startedAt), finishedAt: new Date(startedAt) });
}

describe("listCompanyConnections", () => {
  it("lists the company's connections by last synchronization, newest or oldest first, and filters by state", async () => {
    const { company } = await createCompanyWithUser(db);
    const other = await createCompanyWithUser(db);
    const [alpha, beta, gamma] = [await bank("Alpha Bank"), await bank("Beta Bank"), await bank("Gamma Bank")];
    const old = await connection(company.id, alpha);
    const recent = await connection(company.id, beta);
    const never = await connection(company.id, gamma);
    await connection(other.company.id, alpha);
    await run(company.id, old, "2026-11-01T08:00:00Z");
    await run(company.id, old, "2026-11-10T08:00:00Z");
    await run(company.id, recent, "2026-11-20T08:00:00Z", "failed", "invalid_credentials");
    await createManualBankAccount(db, company.id, { connectionId: old, name: "Current", accountNumber: "DE89 3704 0044 0532 0130 00", syncEnabled: true });
    await createManualBankAccount(db, company.id, { connectionId: old, name: "Savings", accountNumber: "DE02120300000000202051", syncEnabled: true });
    await createManualBankAccount(db, company.id, { connectionId: old, name: "Not synchronized", syncEnabled: false });

    const newestFirst = await listCompanyConnections(db, company.id);
    // Each row names the accounts it synchronizes, with their numbers, so two rows of one bank differ.
    const accountsOf = (c: (typeof newestFirst)[number]) => c.accounts.map((a) => `${a.name} ${a.accountNumber}`);
    expect(newestFirst.map((c) => [c.institution, c.lastSyncAt?.toISOString() ?? null, accountsOf(c)])).toEqual([
      ["Beta Bank", "2026-11-20T08:00:00.000Z", []],
      ["Alpha Bank", "2026-11-10T08:00:00.000Z", ["Current DE89 3704 0044 0532 0130 00", "Savings DE02120300000000202051"]],
      ["Gamma Bank", null, []],
    ]);
    const oldestFirst = await listCompanyConnections(db, company.id, { sort: "last_sync_asc" });
    expect(oldestFirst.map((c) => c.id)).toEqual([never, old, recent]);
    expect((await listCompanyConnections(db, company.id, { state: "error" })).map((c) => c.id)).toEqual([recent]);
    expect(await listCompanyConnections(db, company.id, { state: "waiting_mfa" })).toEqual([]);
  });
});

describe("runs and log", () => {
  it("pages every run of the company newest first, keeps the runs of a deleted connection, and leaves other companies out", async () => {
    const { company } = await createCompanyWithUser(db);
    const other = await createCompanyWithUser(db);
    const id = await connection(company.id, await bank("Alpha Bank"));
    const total = RUNS_PAGE_SIZE + 3;
    for (let day = 1; day <= total; day += 1) await run(company.id, day === 1 ? null : id, `2026-10-${String(day).padStart(2, "0")}T06:00:00Z`);
    await run(other.company.id, null, "2026-11-24T06:00:00Z");

    const first = await companyRuns(db, company.id, 1);
    expect(first.runs).toHaveLength(RUNS_PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    expect(first.runs[0]!.startedAt.toISOString()).toBe(`2026-10-${total}T06:00:00.000Z`);
    expect(first.runs[0]!.institution).toBe("Alpha Bank");
    const second = await companyRuns(db, company.id, 2);
    expect(second.hasMore).toBe(false);
    expect(second.runs.map((r) => r.startedAt.toISOString().slice(0, 10))).toEqual(["2026-10-03", "2026-10-02", "2026-10-01"]);
    expect(second.runs.at(-1)!.institution).toBeNull();
    expect((await connectionRuns(db, company.id, id)).length).toBe(total - 1);
    expect(await connectionRuns(db, other.company.id, id)).toEqual([]);
  });

  it("reads a connection's log newest first, with who did what", async () => {
    const { company, user } = await createCompanyWithUser(db);
    const id = await connection(company.id, await bank("Alpha Bank"));
    await db.insert(connectionEvents).values([
      { companyId: company.id, connectionId: id, message: "Connected.", createdAt: new Date("2026-11-01T08:00:00Z") },
      { companyId: company.id, connectionId: id, message: "Automatic synchronization turned off.", level: "user_action", actorUserId: user.id, createdAt: new Date("2026-11-03T08:00:00Z") },
      { companyId: company.id, connectionId: id, message: "The bank failed.", level: "error", errorReference: "OBS-TEST0001", createdAt: new Date("2026-11-02T08:00:00Z") },
    ]);
    const log = await connectionLog(db, company.id, id);
    expect(log.map((e) => [e.message, e.actor])).toEqual([
      ["Automatic synchronization turned off.", user.name],
      ["The bank failed.", null],
      ["Connected.", null],
    ]);
    expect(log[1]!.errorReference).toBe("OBS-TEST0001");
    expect(await connectionLog(db, (await createCompanyWithUser(db)).company.id, id)).toEqual([]);
  });
});
