import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
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

  it("warns about an IBAN whose check digits fail, and keeps it when the user says so (ING's anonymised NL18INGB00012345678)", async () => {
    const { company } = await createCompanyWithUser(db);
    const result = await createManualAccount(db, company.id, { ...valid, accountNumber: "NL18 INGB 0001 2345 678" });
    expect(inEnglish(result)).toMatchObject({ ok: false, fieldErrors: { accountNumber: [expect.stringMatching(/check digits do not match.*keep this number anyway/)] } });
    expect(await db.select().from(bankAccounts)).toEqual([]);

    expect(await createManualAccount(db, company.id, { ...valid, accountNumber: "NL18 INGB 0001 2345 678", keepInvalidIban: true })).toMatchObject({ ok: true });
    const [row] = await db.select().from(bankAccounts);
    expect(row).toMatchObject({ accountNumber: "NL18INGB00012345678", name: "NL18INGB00012345678" });
  });

  it("accepts any account number a bank writes, such as 1452687~7", async () => {
    const { company } = await createCompanyWithUser(db);
    expect(await createManualAccount(db, company.id, { accountNumber: "1452687~7", bankName: "", bic: "", currency: "USD" })).toMatchObject({ ok: true });
    const [row] = await db.select().from(bankAccounts);
    expect(row).toMatchObject({ accountNumber: "1452687~7", name: "1452687~7", currency: "USD" });
  });

  it("refuses a malformed SWIFT code, with a field error and nothing written", async () => {
    const { company } = await createCompanyWithUser(db);
    const result = await createManualAccount(db, company.id, { ...valid, bic: "NOTABIC" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(inEnglish(result.fieldErrors.bic?.[0])).toMatch(/valid SWIFT code/);
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
    expect(inEnglish(again)).toMatchObject({ ok: false, fieldErrors: { accountNumber: [expect.stringMatching(/already has/)] } });
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
