import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { getBankAccount, listBankAccounts } from "./queries";

describe("bank account reads are scoped to the signed-in user's company", () => {
  it("a user of one company gets not-found for another company's account, which exists", async () => {
    const acme = await createCompanyWithUser(db, { companyName: "Acme" });
    const globex = await createCompanyWithUser(db, { companyName: "Globex", role: "user" });
    const acmeAccount = await createManualBankAccount(db, acme.company.id, { name: "Acme operating" });

    const globexMembership = await loadMembership(db, globex.user.id);
    expect(globexMembership?.companyName).toBe("Globex");

    expect(await getBankAccount(db, globexMembership!.companyId, acmeAccount.id)).toBeNull();
    expect(await listBankAccounts(db, globexMembership!.companyId)).toEqual([]);

    // The row is really there: the refusal is the scope, not a missing row.
    const [row] = await db.select().from(bankAccounts).where(eq(bankAccounts.id, acmeAccount.id));
    expect(row?.name).toBe("Acme operating");
    const acmeMembership = await loadMembership(db, acme.user.id);
    expect((await getBankAccount(db, acmeMembership!.companyId, acmeAccount.id))?.name).toBe("Acme operating");
  });

  it("treats a malformed id as not found instead of failing", async () => {
    const acme = await createCompanyWithUser(db);
    expect(await getBankAccount(db, acme.company.id, "../../etc")).toBeNull();
  });
});
