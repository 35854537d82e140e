/**
 * A component that reads a namespace the client was not given shows raw keys in the
 * browser (and logs an error): every namespace read with `useTranslations` anywhere must be
 * in CLIENT_NAMESPACES, and each listed one must exist.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue } from "./catalogue";
import { CLIENT_NAMESPACES, clientMessages } from "./client-namespaces";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("the messages sent to the browser", () => {
  const files = ["app", "components", "lib"].flatMap((dir) => sourceFiles(dir));

  it("hold every namespace a component reads with useTranslations", () => {
    const read = new Set<string>();
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      expect(text, `${file} calls useTranslations without a namespace`).not.toMatch(/useTranslations\(\s*\)/);
      for (const match of text.matchAll(/useTranslations\(\s*["'`]([^"'`.]+)/g)) read.add(match[1]!);
    }
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !(CLIENT_NAMESPACES as readonly string[]).includes(name))).toEqual([]);
  });

  it("leave out what only the server renders, in both languages", () => {
    for (const locale of ["en", "id"] as const) {
      const messages = clientMessages(catalogue(locale));
      expect(Object.keys(messages).sort()).toEqual([...CLIENT_NAMESPACES].sort());
      // Only the refusals a form checks in the browser, not every stored log line.
      expect(Object.keys(messages.storedMessages)).toEqual(["refusals"]);
      for (const name of CLIENT_NAMESPACES) expect(messages[name]).toBeTypeOf("object");
    }
  });
});
