/**
 * Nothing secret reaches the server log: while banks are connected, synchronized under
 * every kind of provider fault, re-consented and deleted, whatever the app writes to the
 * console never contains a provider reference, a bank token, the bank password or the
 * encryption key.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { deleteConnection } from "@/lib/connections/delete";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { createSandboxProvider } from "@/lib/providers/sandbox/sandbox-provider";
import { sandboxProviderConfig } from "@/lib/providers/sandbox/config";
import { ProviderTransient } from "@/lib/providers/errors";
import { syncConnection } from "@/lib/sync/run-sync";
import { FAULTS, faultyFetch, seededRandom, type Fault } from "@/lib/testing/faulty-fetch";
import { connectBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

function captureConsole() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => {
    lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ""} ${JSON.stringify(a.cause ?? null)}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  };
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) => vi.spyOn(console, method).mockImplementation(record));
  return { lines, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

describe("the server log", () => {
  it("never contains a provider reference, a bank token or a password, whatever fails", async () => {
    const captured = captureConsole();
    const secrets: string[] = [];
    const tokens: string[] = [];
    try {
      const injected: Fault[] = [];
      const faults = faultyFetch({ random: seededRandom(4242), probability: 0.5, injected, only: [...FAULTS] });
      // Records every bearer token the adapter sends, so the log can be checked for them.
      const recording: typeof fetch = async (input, init) => {
        const auth = new Headers(init?.headers).get("authorization");
        if (auth) tokens.push(auth.replace(/^Bearer /, ""));
        return faults(input, init);
      };
      const faulty = createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: world.server.baseUrl, timeoutMs: 300, pageSize: 40 }, recording);
      const deps = { ...world.deps, provider: () => faulty };
      const { actor, connectionId } = await connectBank({ ...world, deps }, "Demo Bank 90 days", { username: "log-check" });
      secrets.push("demo-password"); // what completeSandboxConsent types at the bank
      for (let i = 0; i < 8; i++) await syncConnection(deps, { ...actor, connectionId, trigger: "retry" });
      const [row] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
      secrets.push(decryptSecret(row!.providerRefEncrypted!), row!.providerRefEncrypted!);
      const failingRevoke = { ...faulty, revoke: async () => { throw new ProviderTransient(); } };
      await deleteConnection({ db, provider: () => failingRevoke }, actor, connectionId);
      expect(injected.length).toBeGreaterThan(0);
    } finally {
      captured.restore();
    }
    expect(captured.lines.length).toBeGreaterThan(0); // the failures were logged…
    expect(tokens.length).toBeGreaterThan(0);
    const log = captured.lines.join("\n");
    for (const secret of [...secrets, ...new Set(tokens), process.env.AUTH_SECRET ?? "", process.env.TOKEN_ENCRYPTION_KEY ?? ""].filter((s) => s.length >= 8)) {
      expect(log).not.toContain(secret); // …without what would let someone read the bank
    }
  });
});
