import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { listBankAccounts } from "@/lib/bank-accounts/queries";
import { createManualBankAccount } from "@/lib/testing/fixtures";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { groupByConnection } from "./groups";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

describe("the dashboard's groups from the one list query", () => {
  it("a company with two Sandbox connections (one Beta) and a manual account gets two connection groups and one manual group", async () => {
    const demo = await connectBank(world, "Demo Bank");
    const beta = await connectBank(world, "Demo Bank Beta", { companyId: demo.actor.companyId, userId: demo.actor.userId });
    await createManualBankAccount(db, demo.actor.companyId, { name: "Cash box" });

    const groups = groupByConnection(await listBankAccounts(db, demo.actor.companyId));

    expect(groups.connections.map((group) => [group.connectionId, group.institutionName, group.provider, group.beta, group.accounts.length])).toEqual([
      [demo.connectionId, "Demo Bank", "sandbox", false, 3],
      [beta.connectionId, "Demo Bank Beta", "sandbox", true, 2],
    ]);
    expect(groups.connections.every((group) => group.lastSyncedAt !== null && group.fetchAccountId !== null && group.lastRunStatus === "succeeded")).toBe(true);
    expect(groups.manual.map((account) => account.name)).toEqual(["Cash box"]);
  });
});
