import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { db } from "@/db/client";
import { bankAccounts, connectionEvents } from "@/db/schema";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { insertLines } from "@/lib/testing/transaction-rows";
import { currentBalanceGap } from "./history";
import { setOpeningBalance } from "./opening-balance";

async function accountWithBankBalance() {
  const { company, user } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id, {
    openingBalance: "100.00", balance: "1000.00", balanceAsOf: new Date("2026-11-05T10:00:00Z"),
  });
  await insertLines(account.id, [{ id: "1", date: "2026-11-02", amount: "150.00" }, { id: "2", date: "2026-11-03", amount: "-50.00" }]);
  return { actor: { companyId: company.id, userId: user.id }, account };
}

describe("setOpeningBalance", () => {
  it("corrects the opening balance and checks the bank's last balance against it at once", async () => {
    const { actor, account } = await accountWithBankBalance();
    const first = await setOpeningBalance(db, actor, { bankAccountId: account.id, amount: "700.00" });
    expect(first).toMatchObject({ ok: true, check: { status: "differs", computedBalance: "800.0000", difference: "200.0000" } });
    expect(await currentBalanceGap(db, actor.companyId, account.id)).not.toBeNull();

    const second = await setOpeningBalance(db, actor, { bankAccountId: account.id, amount: "900" });
    expect(second).toMatchObject({ ok: true, check: { status: "matches", computedBalance: "1000.0000" } });
    expect(await currentBalanceGap(db, actor.companyId, account.id)).toBeNull();
    const messages = (await db.select({ message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.bankAccountId, account.id)))
      .map((row) => row.message);
    expect(messages).toContain("Main account: opening balance set to €900.00 (was €700.00).");
    expect(messages).toContain("Balance matches the bank again: €1,000.00 (Main account, lines through 2026-11-05).");
  });

  it("refuses another company's account and changes nothing", async () => {
    const { account } = await accountWithBankBalance();
    const stranger = await createCompanyWithUser(db);
    expect(inEnglish(await setOpeningBalance(db, { companyId: stranger.company.id, userId: stranger.user.id }, { bankAccountId: account.id, amount: "1.00" })))
      .toEqual({ ok: false, error: "This bank account does not exist." });
    const [stored] = await db.select({ opening: bankAccounts.openingBalance }).from(bankAccounts).where(eq(bankAccounts.id, account.id));
    expect(stored!.opening).toBe("100.0000");
  });
});
