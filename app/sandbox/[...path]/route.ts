/**
 * Mounts the built-in Sandbox aggregator (lib/sandbox) at /sandbox/*: its JSON API and
 * hosted consent pages, with its state in PostgreSQL. It plays another company's server,
 * so it is public; SANDBOX_PROVIDER=off removes it.
 */
import { db } from "@/db/client";
import { createSandboxHandler, type SandboxHandler } from "@/lib/sandbox/handler";
import { createDbSandboxStore } from "@/lib/sandbox/store";
import { sandboxClock } from "@/lib/sandbox/test-clock";

export const dynamic = "force-dynamic";

let handler: SandboxHandler | undefined;

async function handle(request: Request): Promise<Response> {
  if (process.env.SANDBOX_PROVIDER === "off") return new Response("Not Found", { status: 404 });
  handler ??= createSandboxHandler({ store: createDbSandboxStore(db), now: sandboxClock() });
  return handler(request);
}

export { handle as GET, handle as POST, handle as DELETE };
