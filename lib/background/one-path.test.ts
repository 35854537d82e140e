/**
 * The shape the sync relies on, checked over the source: one way to ask for a sync
 * (lib/background/dispatch) and one writer of sync_runs (lib/sync/run). A second caller or
 * writer added anywhere in app/, lib/ or inngest/ fails here with its file named.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith(path.join("lib", "testing")));
}

const files = ["app", "lib", "inngest"].flatMap(sourceFiles).map((file) => ({ file, text: readFileSync(path.join(ROOT, file), "utf8") }));

function filesMatching(pattern: RegExp): string[] {
  return files.filter(({ text }) => pattern.test(text)).map(({ file }) => file).sort();
}

describe("one dispatcher, one run", () => {
  it("writes sync_runs only in lib/sync/run.ts", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(filesMatching(/\.(insert|update|delete)\(\s*syncRuns\s*\)|(insert\s+into|update|delete\s+from)\s+"?sync_runs\b/i)).toEqual(["lib/sync/run.ts"]);
  });

  it("runs a sync only from the dispatcher and the engines behind it", () => {
    expect(filesMatching(/\bsyncConnection\(/)).toEqual([
      "inngest/functions/sync-connection.ts", "lib/background/dispatch.ts", "lib/background/locked-run.ts", "lib/sync/run-sync.ts",
    ]);
    expect(filesMatching(/\bsyncWithLock\(/)).toEqual(["lib/background/dispatch.ts", "lib/background/locked-run.ts"]);
  });

  it("asks Inngest for a sync or hands it a security code only from the dispatcher", () => {
    expect(filesMatching(/\b(syncRequested|mfaSubmitted)\.create\(/)).toEqual(["lib/background/dispatch.ts"]);
  });
});
