import { describe, expect, it } from "vitest";
import type { BankAccountCard } from "@/lib/bank-accounts/queries";
import { accountSearchText, groupByConnection, matchesFilter } from "./groups";

let next = 0;
function card(overrides: Partial<BankAccountCard>): BankAccountCard {
  next += 1;
  return {
    id: `account-${next}`, name: `Account ${next}`, bankName: null, accountNumber: `DE00 ${next}`, currency: "EUR", balance: "0.00", balanceAsOf: null,
    lastSyncedAt: null, syncEnabled: true, connectionId: null, connectionState: null, institutionName: null, provider: null, institutionBeta: false,
    lastRunStatus: null, lastRunMessage: null, lastRunErrorKey: null, lastRunErrorParams: null, lastRunRetryAfter: null, ...overrides,
  };
}

describe("groupByConnection", () => {
  it("puts each connection's accounts under one group with the bank, provider, state and newest sync, manual accounts apart", () => {
    const demo = { connectionId: "c-demo", institutionName: "Demo Bank", provider: "sandbox", connectionState: "active" as const };
    const beta = { connectionId: "c-beta", institutionName: "Demo Bank Beta", provider: "sandbox", institutionBeta: true, connectionState: "error" as const, lastRunStatus: "failed" };
    const current = card({ ...demo, name: "Current", syncEnabled: false, lastSyncedAt: new Date("2026-12-01T10:00:00Z") });
    const manual = card({ name: "Cash box", bankName: "Commerzbank" });
    const savings = card({ ...demo, name: "Savings", lastSyncedAt: new Date("2026-12-02T10:00:00Z") });
    const betaAccount = card({ ...beta, name: "Beta current" });

    const groups = groupByConnection([current, manual, savings, betaAccount]);

    expect(groups.manual.map((account) => account.name)).toEqual(["Cash box"]);
    expect(groups.connections).toHaveLength(2);
    const [demoGroup, betaGroup] = groups.connections;
    expect(demoGroup).toMatchObject({
      connectionId: "c-demo", institutionName: "Demo Bank", provider: "sandbox", beta: false, state: "active",
      lastSyncedAt: new Date("2026-12-02T10:00:00Z"),
      // The first account still synchronized names the connection's fetch.
      fetchAccountId: savings.id,
    });
    expect(demoGroup!.accounts.map((account) => account.name)).toEqual(["Current", "Savings"]);
    expect(betaGroup).toMatchObject({ institutionName: "Demo Bank Beta", beta: true, state: "error", lastRunStatus: "failed", lastSyncedAt: null });
  });

  it("a connection none of whose accounts is synchronized offers no fetch", () => {
    const [group] = groupByConnection([card({ connectionId: "c", institutionName: "Bank", provider: "plaid", syncEnabled: false })]).connections;
    expect(group!.fetchAccountId).toBeNull();
  });
});

describe("the dashboard filter", () => {
  const account = card({ name: "Business Current Account", accountNumber: "DE89 3704 0044 0532 0130 00", institutionName: "Bank Mandiri" });
  const text = accountSearchText(account);

  it("matches words of the name, the bank, and the end of the account number the card shows", () => {
    expect(matchesFilter(text, "current")).toBe(true);
    expect(matchesFilter(text, "mandiri business")).toBe(true);
    expect(matchesFilter(text, "3000")).toBe(true);
    // The rest of the number is not sent to the browser, so it cannot be matched.
    expect(matchesFilter(text, "DE8937040044")).toBe(false);
    expect(matchesFilter(text, "  ")).toBe(true);
  });

  it("rejects an account missing one of the words", () => {
    expect(matchesFilter(text, "savings")).toBe(false);
    expect(matchesFilter(text, "current savings")).toBe(false);
  });

  it("ignores accents", () => {
    expect(matchesFilter(accountSearchText(card({ name: "Crédit Agricole" })), "credit")).toBe(true);
  });
});
