/** Where the tests find the real banks' statement samples (../shared/statements beside the clone). */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decodeStatement } from "../detect";
import { sumDecimals } from "@/lib/money";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const samplesDir = path.resolve(repoRoot, "../shared/statements");
export const hasSamples = existsSync(path.join(samplesDir, "README.md"));
if (!hasSamples) console.warn(`Statement samples not found at ${samplesDir}: the tests on real banks' files are skipped.`);
export const fixturesDir = path.resolve(repoRoot, "lib/import/__fixtures__");

export function readSample(name: string): string {
  return decodeStatement(readFileSync(path.join(samplesDir, name)));
}

export function readFixture(name: string): string {
  return decodeStatement(readFileSync(path.join(fixturesDir, name)));
}

export async function* chunksOf(text: string, size = 64): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export function total(lines: { amount: string }[]): string {
  return sumDecimals(lines.map((line) => line.amount));
}
