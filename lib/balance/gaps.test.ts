import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { insertLines } from "@/lib/testing/transaction-rows";
import { checkBalance } from "./check";
import { currentBalanceGaps } from "./gaps";
import { currentBalanceGap } from "./history";

const at = (day: string) => new Date(`${day}T18:00:00Z`);

describe("currentBalanceGaps: every account's open gap in one query", () => {
  it("lists the accounts whose newest check differs, as currentBalanceGap does one by one, and no other company's", async () => {
    const { company } = await createCompanyWithUser(db);
    const [agrees, differs, neverChecked] = await Promise.all([
      createManualBankAccount(db, company.id, { name: "Agrees" }),
      createManualBankAccount(db, company.id, { name: "Differs" }),
      createManualBankAccount(db, company.id, { name: "Never checked" }),
    ]);
    const check = (account: typeof agrees, amount: string, day: string) => checkBalance(db, {
      companyId: company.id, connectionId: null, syncRunId: null, bankAccount: account, balance: { amount, currency: "EUR", asOf: at(day) },
    });
    await insertLines(agrees.id, [{ id: "a1", date: "2026-11-02", amount: "-30.10" }]);
    await insertLines(differs.id, [{ id: "d1", date: "2026-11-02", amount: "-30.10" }]);
    await check(agrees, "969.90", "2026-11-03");
    await check(agrees, "969.90", "2026-11-04");
    await check(differs, "969.90", "2026-11-03");
    // The bank counts a line we never imported.
    await check(differs, "957.90", "2026-11-04");

    const other = await createCompanyWithUser(db);
    const stranger = await createManualBankAccount(db, other.company.id, { name: "Stranger" });
    await insertLines(stranger.id, [{ id: "s1", date: "2026-11-02", amount: "-1.00" }]);
    await checkBalance(db, { companyId: other.company.id, connectionId: null, syncRunId: null, bankAccount: stranger, balance: { amount: "10.00", currency: "EUR", asOf: at("2026-11-03") } });
    await checkBalance(db, { companyId: other.company.id, connectionId: null, syncRunId: null, bankAccount: stranger, balance: { amount: "5.00", currency: "EUR", asOf: at("2026-11-04") } });

    const gaps = await currentBalanceGaps(db, company.id);
    expect([...gaps.keys()]).toEqual([differs.id]);
    expect(gaps.get(differs.id)).toEqual(await currentBalanceGap(db, company.id, differs.id));
    expect(gaps.get(differs.id)).toMatchObject({ lastMatchThrough: "2026-11-03", latest: { bankBalance: "957.9000", difference: "-12.0000" } });
    expect(gaps.has(neverChecked.id)).toBe(false);
    expect((await currentBalanceGaps(db, other.company.id)).has(stranger.id)).toBe(true);
  });
});
