/** Where the Sandbox adapter finds the Sandbox API and how long it waits for it. */
import { sandboxServerSecrets } from "@/lib/sandbox/config";

export interface SandboxProviderConfig {
  /** Root of the Sandbox, without a trailing slash: "<origin>/sandbox". */
  baseUrl: string;
  timeoutMs: number;
  /** Shared with the Sandbox server, which signs its webhooks with it. */
  webhookSecret: string;
  /** Transactions asked per page (the API allows 1 to 1000). */
  pageSize: number;
}

type Env = Record<string, string | undefined>;

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function sandboxProviderConfig(env: Env = process.env): SandboxProviderConfig {
  return {
    baseUrl: (env.SANDBOX_BASE_URL || `http://localhost:${env.PORT || 3000}/sandbox`).replace(/\/+$/, ""),
    timeoutMs: positiveInteger(env.SANDBOX_TIMEOUT_MS, 15_000),
    webhookSecret: sandboxServerSecrets(env).webhookSecret,
    pageSize: 1000,
  };
}
