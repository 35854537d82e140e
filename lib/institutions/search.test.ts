import { describe, expect, it } from "vitest";
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
