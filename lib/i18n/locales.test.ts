import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./locales";

describe("localeFromAcceptLanguage", () => {
  it("answers an Indonesian browser in Indonesian", () => {
    expect(localeFromAcceptLanguage("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("id");
    expect(localeFromAcceptLanguage("id")).toBe("id");
  });

  it("follows the quality values, not only the order", () => {
    expect(localeFromAcceptLanguage("en;q=0.5,id;q=0.9")).toBe("id");
    expect(localeFromAcceptLanguage("fr-FR,en;q=0.8,id;q=0.7")).toBe("en");
  });

  it("falls back to English for a language the interface does not speak, or no header", () => {
    expect(localeFromAcceptLanguage("fr-FR,de;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage("id;q=0")).toBe("en");
  });
});
