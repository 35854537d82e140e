/**
 * Every language has every message, with the same placeholders. A key used in code but
 * missing from the English catalogue is a type error (lib/i18n/app-config.d.ts).
 */
import { describe, expect, it } from "vitest";
import * as englishNamespaces from "./messages/en";
import { catalogue } from "./catalogue";
import { locales } from "./locales";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

/**
 * The ICU arguments a message expects ("{count, plural, =1 {tomorrow} other {…}} on {date}"
 * gives count, date): a brace right after a plural case opens that case's text, not an argument.
 */
function argumentsOf(message: string): string[] {
  const argument = /(?<!(?:=\d+|zero|one|two|few|many|other)\s*)\{\s*([A-Za-z_]\w*)\s*[,}]/g;
  return [...new Set([...message.matchAll(argument)].map((match) => match[1] ?? ""))].sort();
}

const reference = flatten({ ...englishNamespaces });

describe.each(locales.filter((locale) => locale !== "en"))("the %s catalogue", (locale) => {
  const translated = flatten(catalogue(locale) as Tree);

  it("has every English message", () => {
    expect([...reference.keys()].filter((key) => !translated.has(key))).toEqual([]);
  });

  it("has no message English lacks (a renamed key left behind)", () => {
    expect([...translated.keys()].filter((key) => !reference.has(key))).toEqual([]);
  });

  it("fills each message in with the same values", () => {
    const mismatched = [...reference].filter(([key, text]) => {
      const other = translated.get(key);
      return other !== undefined && argumentsOf(other).join() !== argumentsOf(text).join();
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });
});

describe("every catalogue", () => {
  it.each(locales)("%s has no empty message", (locale) => {
    const empty = [...flatten(catalogue(locale) as Tree)].filter(([, text]) => text.trim() === "");
    expect(empty.map(([key]) => key)).toEqual([]);
  });
});
