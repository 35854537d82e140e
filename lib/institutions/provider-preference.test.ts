import { describe, expect, it } from "vitest";
import { providerOrder, sortByPreference } from "./provider-preference";

const options = [{ provider: "plaid" }, { provider: "sandbox" }, { provider: "enablebanking" }, { provider: "gocardless" }];

describe("default provider per country", () => {
  it("prefers PSD2 aggregators in Europe and Plaid in North America", () => {
    expect(sortByPreference(options, "DE", {}).map((o) => o.provider)).toEqual(["gocardless", "enablebanking", "plaid", "sandbox"]);
    expect(sortByPreference(options, "us", {}).map((o) => o.provider)).toEqual(["plaid", "sandbox", "enablebanking", "gocardless"]);
  });

  it("follows PROVIDER_PREFERENCE per country, with * for the rest", () => {
    const env = { PROVIDER_PREFERENCE: "DE=enablebanking,gocardless; *=sandbox" };
    expect(providerOrder("DE", env)).toEqual(["enablebanking", "gocardless"]);
    expect(sortByPreference(options, "FR", env)[0]!.provider).toBe("sandbox");
    expect(sortByPreference(options, "DE", env).map((o) => o.provider)).toEqual(["enablebanking", "gocardless", "plaid", "sandbox"]);
  });
});
