/**
 * Which engine runs background work. Inngest when it is configured (an event key for
 * Inngest Cloud or a self-hosted server, or a dev server that answers); otherwise the
 * built-in scheduler of this process. Detected once at startup.
 */
export type BackgroundEngine =
  | { kind: "inngest"; url: string; mode: "cloud" | "dev" }
  | { kind: "built-in"; reason: string };

type Env = Record<string, string | undefined>;

const globalForEngine = globalThis as unknown as { openBankSyncEngine?: BackgroundEngine };

export async function detectEngine(env: Env = process.env, fetchImpl: typeof fetch = fetch): Promise<BackgroundEngine> {
  if (env.INNGEST_EVENT_KEY) return { kind: "inngest", url: env.INNGEST_BASE_URL ?? "https://inn.gs", mode: "cloud" };
  const devUrl = env.INNGEST_BASE_URL ?? (env.INNGEST_DEV ? (/^https?:\/\//.test(env.INNGEST_DEV) ? env.INNGEST_DEV : "http://127.0.0.1:8288") : null);
  if (!devUrl) return { kind: "built-in", reason: "no Inngest server is configured" };
  try {
    await fetchImpl(devUrl, { signal: AbortSignal.timeout(1_500) });
    return { kind: "inngest", url: devUrl, mode: "dev" };
  } catch {
    return { kind: "built-in", reason: `no Inngest server answers at ${devUrl}` };
  }
}

export function setCurrentEngine(engine: BackgroundEngine): void {
  globalForEngine.openBankSyncEngine = engine;
}

export function currentEngine(): BackgroundEngine {
  return globalForEngine.openBankSyncEngine ?? { kind: "built-in", reason: "no Inngest server is configured" };
}

export function describeEngine(engine: BackgroundEngine): string {
  return engine.kind === "inngest" ? `Inngest at ${engine.url}` : "Built-in scheduler, single machine";
}
