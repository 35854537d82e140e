/**
 * Mounts the built-in Sandbox aggregator (lib/sandbox) at /sandbox/*: its JSON API and
 * hosted consent pages, with its state in PostgreSQL. It plays another company's server,
 * so it is public. It is off in production unless SANDBOX_PROVIDER=on (lib/sandbox/config.ts),
 * and it only sends browsers and webhooks back to this app.
 */
import { db } from "@/db/client";
import { appOriginsFor } from "@/lib/sandbox/app-urls";
import { isSandboxEnabled, sandboxTestControlsEnabled } from "@/lib/sandbox/config";
import { createSandboxHandler, type SandboxHandler } from "@/lib/sandbox/handler";
import { createDbSandboxStore } from "@/lib/sandbox/store";
import { sandboxClock } from "@/lib/sandbox/test-clock";

export const dynamic = "force-dynamic";

let handler: SandboxHandler | undefined;

async function handle(request: Request): Promise<Response> {
  if (!isSandboxEnabled()) return new Response("Not Found", { status: 404 });
  const testControls = sandboxTestControlsEnabled();
  handler ??= createSandboxHandler({
    store: createDbSandboxStore(db),
    now: testControls ? sandboxClock() : () => new Date(),
    testControls,
    appOrigins: (request) => appOriginsFor(request),
  });
  return handler(request);
}

export { handle as GET, handle as POST, handle as DELETE };
