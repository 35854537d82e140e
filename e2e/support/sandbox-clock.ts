/**
 * Moves the e2e server's Sandbox bank in time (lib/sandbox/test-clock.ts): the server
 * reads its offset from this file on every Sandbox request. Reset it after use, the
 * next spec shares the server.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function sandboxClockFile(port: number): string {
  return path.join(os.tmpdir(), `openbanksync-e2e-${port}.sandbox-clock`);
}

export function moveSandboxClock(port: number, offsetMs: number): void {
  fs.writeFileSync(sandboxClockFile(port), String(offsetMs));
}

export function resetSandboxClock(port: number): void {
  fs.rmSync(sandboxClockFile(port), { force: true });
}
