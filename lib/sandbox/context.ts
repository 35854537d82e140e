/** What every Sandbox endpoint receives: its state, its clock, its signer and where it is served. */
import type { RefreshHolds } from "./held-refreshes";
import type { TokenSigner } from "./tokens";
import type { SandboxStore } from "./store";

export interface SandboxContext {
  store: SandboxStore;
  now: () => Date;
  tokens: TokenSigner;
  webhookSecret: string;
  /** Absolute URL of the Sandbox root as the caller reached it, e.g. "http://localhost:3000/sandbox". */
  baseUrl: string;
  /**
   * The origins of the app this Sandbox is mounted in (app-urls.ts): link sessions and
   * webhooks may only point there. Null when it runs on its own (tests, benchmarks).
   */
  appOrigins: string[] | null;
  /** Test control: refreshes held back (./held-refreshes.ts). */
  holds: RefreshHolds;
}
