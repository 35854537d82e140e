import { isValidBIC, isValidIBAN } from "ibantools";
import { describe, expect, it } from "vitest";
import { deriveAccounts } from "./accounts";
import { SANDBOX_INSTITUTIONS, findInstitution } from "./institutions";

describe("Sandbox institutions and accounts", () => {
  it("gives every institution a valid BIC of its own country", () => {
    for (const institution of SANDBOX_INSTITUTIONS) {
      expect(isValidBIC(institution.bic), institution.name).toBe(true);
      expect(institution.bic.slice(4, 6)).toBe(institution.country);
    }
  });

  it("gives accounts IBANs that pass the checksum, except at the US and Indonesian banks which have none", () => {
    for (const institution of SANDBOX_INSTITUTIONS) {
      for (const account of deriveAccounts(institution, "alice", null)) {
        if (institution.country === "US" || institution.country === "ID") {
          expect(account.iban).toBeNull();
          expect(account.accountNumber).toMatch(/^\d{10}$/);
        } else {
          expect(isValidIBAN(account.iban!), `${institution.name} ${account.iban}`).toBe(true);
          expect(account.iban!.slice(0, 2)).toBe(institution.country);
          expect(account.accountNumber).toBe(account.iban);
        }
      }
    }
  });

  it("offers Demo Bank's EUR and USD current accounts and EUR savings account", () => {
    const accounts = deriveAccounts(findInstitution("demo_bank")!, "alice", null);
    expect(accounts.map((account) => [account.kind, account.currency])).toEqual([
      ["current", "EUR"],
      ["current", "USD"],
      ["savings", "EUR"],
    ]);
  });

  it("finds the same accounts for the same username, whatever its case, and others for another login", () => {
    const demoBank = findInstitution("demo_bank")!;
    const alice = deriveAccounts(demoBank, "alice", null);
    expect(deriveAccounts(demoBank, " Alice ", null)).toEqual(alice);
    const bob = deriveAccounts(demoBank, "bob", null);
    expect(bob.map((account) => account.id)).not.toEqual(alice.map((account) => account.id));
    expect(bob.map((account) => account.iban)).not.toEqual(alice.map((account) => account.iban));
    const personal = deriveAccounts(demoBank, "alice", "personal");
    expect(personal[0]!.name).toBe("Personal Current Account");
    expect(personal[0]!.id).not.toBe(alice[0]!.id);
    expect(deriveAccounts(demoBank, "alice", "business")).toEqual(alice);
  });
});
