/** What every Sandbox endpoint receives: its state, its clock, its signer and where it is served. */
import type { TokenSigner } from "./tokens";
import type { SandboxStore } from "./store";

export interface SandboxContext {
  store: SandboxStore;
  now: () => Date;
  tokens: TokenSigner;
  webhookSecret: string;
  /** Absolute URL of the Sandbox root as the caller reached it, e.g. "http://localhost:3000/sandbox". */
  baseUrl: string;
}
