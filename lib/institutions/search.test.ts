import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { institutions } from "@/db/schema";
import { searchInstitutions, listCountries } from "./search";

async function seed() {
  await db.insert(institutions).values([
    { provider: "sandbox", providerInstitutionId: "a", name: "Deutsche Kreditbank", country: "DE", bic: "BYLADEM1001" },
    { provider: "plaid", providerInstitutionId: "a2", name: "Deutsche Kreditbank", country: "DE", bic: "BYLADEM1001", beta: true },
    { provider: "sandbox", providerInstitutionId: "b", name: "Kreditbank Nord", country: "NL", bic: "KBNONL2A" },
    { provider: "sandbox", providerInstitutionId: "c", name: "100% Bank", country: "FR", bic: null },
  ]);
}

// Which providers are offered comes from the environment, as in production: the Sandbox is
// on unless SANDBOX_PROVIDER=off, Plaid needs a client id and a secret.
beforeEach(() => {
  vi.stubEnv("PLAID_CLIENT_ID", "client");
  vi.stubEnv("PLAID_SECRET", "secret");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("searchInstitutions", () => {
  it("finds any part of a name, names that start with the query first, one result per bank with its providers", async () => {
    await seed();
    const results = await searchInstitutions(db, { query: "kredit" });
    expect(results.map((r) => r.name)).toEqual(["Kreditbank Nord", "Deutsche Kreditbank"]);
    expect(results[1]!.options.map((o) => [o.provider, o.beta]).sort()).toEqual([["plaid", true], ["sandbox", false]]);
  });

  it("finds by BIC prefix and by country, and filters by country", async () => {
    await seed();
    expect((await searchInstitutions(db, { query: "KBNO" })).map((r) => r.name)).toEqual(["Kreditbank Nord"]);
    expect((await searchInstitutions(db, { query: "fr" })).map((r) => r.name)).toEqual(["100% Bank"]);
    expect((await searchInstitutions(db, { query: "bank", country: "nl" })).map((r) => r.name)).toEqual(["Kreditbank Nord"]);
  });

  it("lists banks before anything is typed, and treats % and _ literally", async () => {
    await seed();
    expect(await searchInstitutions(db, { query: "" })).toHaveLength(3);
    expect((await searchInstitutions(db, { query: "100%" })).map((r) => r.name)).toEqual(["100% Bank"]);
    expect(await searchInstitutions(db, { query: "%" })).toHaveLength(1);
    expect(await listCountries(db)).toEqual(["DE", "FR", "NL"]);
  });
});

describe("a provider without configuration", () => {
  it("is not offered: its banks leave the search and the countries, and come back once it is configured again", async () => {
    await seed();
    vi.stubEnv("SANDBOX_PROVIDER", "off");
    // The bank both serve stays, with Plaid alone; the Sandbox-only banks are gone.
    const results = await searchInstitutions(db, { query: "kredit" });
    expect(results.map((r) => [r.name, r.options.map((o) => o.provider)])).toEqual([["Deutsche Kreditbank", ["plaid"]]]);
    expect(await searchInstitutions(db, { query: "KBNO" })).toEqual([]);
    expect(await searchInstitutions(db, { query: "" })).toHaveLength(1);
    expect(await listCountries(db)).toEqual(["DE"]);

    vi.stubEnv("PLAID_SECRET", "");
    expect(await searchInstitutions(db, { query: "kredit" })).toEqual([]);
    expect(await listCountries(db)).toEqual([]);

    vi.unstubAllEnvs();
    expect((await searchInstitutions(db, { query: "kredit" })).map((r) => r.name)).toEqual(["Kreditbank Nord", "Deutsche Kreditbank"]);
  });
});

describe("the same bank at several providers", () => {
  const providers = ["gocardless", "enablebanking", "plaid", "sandbox"];

  it("comes back once when its name differs only in case and spacing and one provider has no BIC, the country's default provider first", async () => {
    await db.insert(institutions).values([
      { provider: "plaid", providerInstitutionId: "ins_1", name: "COMMERZBANK  AG ", country: "DE", bic: null },
      { provider: "enablebanking", providerInstitutionId: "DE-Commerzbank", name: "Commerzbank AG", country: "DE", bic: "COBADEFFXXX" },
      { provider: "gocardless", providerInstitutionId: "COMMERZBANK_COBADEFF", name: "Commerzbank AG", country: "DE", bic: "COBADEFF" },
      { provider: "sandbox", providerInstitutionId: "x", name: "Commerzbank AG", country: "AT", bic: null },
    ]);
    const results = await searchInstitutions(db, { query: "commerzbank", providers });
    expect(results.map((r) => [r.country, r.bic, r.options.map((o) => o.provider)])).toEqual([
      // PSD2 aggregators first in Germany (provider-preference.ts), Plaid as an alternative.
      ["DE", "COBADEFFXXX", ["gocardless", "enablebanking", "plaid"]],
      ["AT", null, ["sandbox"]],
    ]);
  });

  it("keeps two banks of the same name with different BICs apart, and a BIC-less namesake that could be either", async () => {
    await db.insert(institutions).values([
      { provider: "gocardless", providerInstitutionId: "SPK_KOELN", name: "Sparkasse", country: "DE", bic: "COLSDE33" },
      { provider: "gocardless", providerInstitutionId: "SPK_BERLIN", name: "Sparkasse", country: "DE", bic: "BELADEBE" },
      { provider: "enablebanking", providerInstitutionId: "DE-Spk-Berlin", name: "Sparkasse", country: "DE", bic: "BELADEBEXXX" },
      { provider: "plaid", providerInstitutionId: "ins_spk", name: "Sparkasse", country: "DE", bic: null },
    ]);
    const results = await searchInstitutions(db, { query: "sparkasse", providers });
    const byBic = (r: (typeof results)[number]) => r.bic ?? "";
    expect(results.sort((a, b) => byBic(a).localeCompare(byBic(b))).map((r) => [r.bic, r.options.map((o) => o.provider)])).toEqual([
      [null, ["plaid"]],
      ["BELADEBE", ["gocardless", "enablebanking"]],
      ["COLSDE33", ["gocardless"]],
    ]);
  });
});
