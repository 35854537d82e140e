import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankAccounts } from "@/db/schema";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { createManualAccount } from "./create-manual";
import { manualAccountSchema } from "./manual-account-schema";

const valid = { accountNumber: "de89 3704 0044 0532 0130 00", bankName: " Commerzbank ", bic: "cobadeff xxx", currency: "" };

describe("createManualAccount", () => {
  it("creates a not-synchronized account named after the normalized IBAN, in the given company", async () => {
    const acme = await createCompanyWithUser(db, { companyName: "Acme" });
    await createCompanyWithUser(db, { companyName: "Globex" });

    const result = await createManualAccount(db, acme.company.id, valid);
    expect(result.ok).toBe(true);

    const rows = await db.select().from(bankAccounts);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      companyId: acme.company.id,
      name: "DE89370400440532013000",
      accountNumber: "DE89370400440532013000",
      bankName: "Commerzbank",
      bic: "COBADEFFXXX",
      currency: "EUR",
      syncEnabled: false,
      connectionId: null,
      providerAccountId: null,
    });
    expect(result.ok && result.bankAccountId).toBe(rows[0]!.id);
  });

  it("accepts a non-IBAN account number, an empty SWIFT code and another currency", async () => {
    const { company } = await createCompanyWithUser(db);
    const result = await createManualAccount(db, company.id, { accountNumber: "000123456789", bankName: "", bic: "", currency: "usd" });
    expect(result.ok).toBe(true);
    const [row] = await db.select().from(bankAccounts).where(eq(bankAccounts.companyId, company.id));
    expect(row).toMatchObject({ accountNumber: "000123456789", bankName: null, bic: null, currency: "USD" });
  });

  it("refuses an IBAN with a wrong checksum, with a field error and nothing written", async () => {
    const { company } = await createCompanyWithUser(db);
    const result = await createManualAccount(db, company.id, { ...valid, accountNumber: "DE89 3704 0044 0532 0130 01" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { accountNumber: ["ibanInvalid"] } });
    expect(await db.select().from(bankAccounts)).toEqual([]);
  });

  it("refuses a malformed SWIFT code, with a field error and nothing written", async () => {
    const { company } = await createCompanyWithUser(db);
    const result = await createManualAccount(db, company.id, { ...valid, bic: "NOTABIC" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.bic?.[0]).toBe("bicInvalid");
    expect(result.fieldErrors.accountNumber).toBeUndefined();
    expect(await db.select().from(bankAccounts)).toEqual([]);
  });

  it("refuses an empty account number, an unknown currency and input that is not an object", async () => {
    const { company } = await createCompanyWithUser(db);
    const result = await createManualAccount(db, company.id, { accountNumber: "  ", bankName: "", bic: "", currency: "ZZZ" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["accountNumber", "currency"]);
    expect((await createManualAccount(db, company.id, "DE89370400440532013000")).ok).toBe(false);
    expect(await db.select().from(bankAccounts)).toEqual([]);
  });

  it("refuses a second account with the same number in the company, but not in another company", async () => {
    const acme = await createCompanyWithUser(db);
    const globex = await createCompanyWithUser(db);
    expect((await createManualAccount(db, acme.company.id, valid)).ok).toBe(true);
    const again = await createManualAccount(db, acme.company.id, { ...valid, accountNumber: "DE89370400440532013000" });
    expect(again).toMatchObject({ ok: false, fieldErrors: { accountNumber: ["accountNumberTaken"] } });
    expect((await createManualAccount(db, globex.company.id, valid)).ok).toBe(true);
    expect(await db.select().from(bankAccounts)).toHaveLength(2);
  });
});

describe("manualAccountSchema", () => {
  it("gives the same values when its own output is parsed again (the server re-checks the form's values)", () => {
    const once = manualAccountSchema.parse(valid);
    expect(manualAccountSchema.parse(once)).toEqual(once);
  });
});
