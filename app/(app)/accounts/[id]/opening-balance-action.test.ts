/**
 * The opening-balance action: only an administrator of the account's company may save it;
 * bad amounts get a clear message; nothing changes when refused. The session is mocked
 * at lib/auth/membership, where the action reads it.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, memberships } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { formData } from "@/lib/testing/form-data";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { openingBalanceAction } = await import("./actions");
const idle = { status: "idle" as const, message: null };

let mine: string;
let theirs: string;
let userId: string;

beforeEach(async () => {
  const b = await createCompanyWithUser(db);
  theirs = (await createManualBankAccount(db, b.company.id)).id;
  const a = await createCompanyWithUser(db);
  mine = (await createManualBankAccount(db, a.company.id)).id;
  userId = a.user.id;
  signInAs(await loadMembership(db, userId));
});

const opening = async (id: string) => (await db.select({ o: bankAccounts.openingBalance }).from(bankAccounts).where(eq(bankAccounts.id, id)))[0]!.o;

describe("openingBalanceAction", () => {
  it("saves an administrator's amount on the company's own account", async () => {
    expect(await openingBalanceAction(idle, formData({ bankAccountId: mine, amount: " -80.5 " }))).toEqual({ status: "done", message: "Opening balance saved." });
    expect(await opening(mine)).toBe("-80.5000");
  });

  it("refuses another company's account, a non-administrator and a malformed amount", async () => {
    expect(await openingBalanceAction(idle, formData({ bankAccountId: theirs, amount: "10.00" }))).toEqual({ status: "error", message: "This bank account does not exist." });
    expect(await openingBalanceAction(idle, formData({ bankAccountId: mine, amount: "1e5" }))).toEqual({ status: "error", message: "Enter an amount such as 1250.00 or -80.50." });
    expect(await openingBalanceAction(idle, formData({ bankAccountId: mine, amount: "0.12345" }))).toEqual({ status: "error", message: "Enter an amount such as 1250.00 or -80.50." });
    await db.update(memberships).set({ role: "user" }).where(eq(memberships.userId, userId));
    signInAs(await loadMembership(db, userId));
    expect(await openingBalanceAction(idle, formData({ bankAccountId: mine, amount: "10.00" }))).toEqual({ status: "error", message: "Only an administrator can set the opening balance." });
    expect(await opening(mine)).toBeNull();
    expect(await opening(theirs)).toBeNull();
  });
});
