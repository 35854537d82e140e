/**
 * Starts the Inngest dev server for `npm run dev` when asked (INNGEST_DEV=1) and its
 * binary is installed; otherwise the app's built-in scheduler runs background work.
 * Never fails the launcher.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const DEV_SERVER_URL = "http://127.0.0.1:8288";

function findBinary(): string | null {
  const local = path.join(process.cwd(), "node_modules", ".bin", "inngest-cli");
  if (fs.existsSync(local)) return local;
  const found = spawnSync("sh", ["-c", "command -v inngest-cli || command -v inngest"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim().split("\n")[0] || null : null;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(500) });
    return true;
  } catch {
    return false;
  }
}

/** Returns the dev server's process and URL, or null (with one line saying why). */
export async function maybeStartInngestDev(appPort: number): Promise<{ child: ChildProcess; url: string } | null> {
  if (!process.env.INNGEST_DEV) {
    console.log("Background work: built-in scheduler (set INNGEST_DEV=1 with inngest-cli installed to use the Inngest dev server).");
    return null;
  }
  const binary = findBinary();
  if (!binary) {
    console.log("Background work: built-in scheduler (INNGEST_DEV is set but no inngest-cli binary was found).");
    return null;
  }
  const child = spawn(binary, ["dev", "--no-discovery", "-u", `http://localhost:${appPort}/api/inngest`], { stdio: "ignore" });
  child.on("error", () => {});
  for (let i = 0; i < 40; i += 1) {
    if (await answers(DEV_SERVER_URL)) {
      console.log(`Background work: Inngest dev server at ${DEV_SERVER_URL}.`);
      return { child, url: DEV_SERVER_URL };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  console.log("Background work: built-in scheduler (the Inngest dev server did not start within 10 seconds).");
  return null;
}
