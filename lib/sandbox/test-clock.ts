/**
 * A test-only hook on the Sandbox's clock, for end-to-end tests of "the next day" (a
 * pending line that posts): when SANDBOX_CLOCK_FILE is set, the Sandbox runs ahead of the
 * real time by the number of milliseconds that file holds (none when it is absent). Unset,
 * as in every deployment, the Sandbox keeps the real time.
 */
import fs from "node:fs";

export function sandboxClock(file: string | undefined = process.env.SANDBOX_CLOCK_FILE): () => Date {
  if (!file) return () => new Date();
  return () => new Date(Date.now() + offsetIn(file));
}

function offsetIn(file: string): number {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return 0;
  }
  const offset = Number(text.trim());
  return Number.isFinite(offset) ? offset : 0;
}
