/**
 * The one way the rest of the app reaches a bank aggregator: `getProvider(name)` for a
 * connection's provider, `listEnabledProviders()` for offering new connections. Adapters
 * are built on each call from the current environment (cheap, and tests that point
 * SANDBOX_BASE_URL at their own server see it).
 */
import { goCardlessConfig, isGoCardlessEnabled } from "./gocardless/config";
import { createGoCardlessProvider } from "./gocardless/gocardless-provider";
import { enableBankingConfig, isEnableBankingEnabled } from "./enablebanking/config";
import { createEnableBankingProvider } from "./enablebanking/enablebanking-provider";
import { isPlaidEnabled, plaidConfig } from "./plaid/config";
import { createPlaidProvider } from "./plaid/plaid-provider";
import { isSaltEdgeEnabled, saltEdgeConfig } from "./saltedge/config";
import { createSaltEdgeProvider } from "./saltedge/saltedge-provider";
import { isSimpleFinEnabled, simpleFinConfig } from "./simplefin/config";
import { createSimpleFinProvider } from "./simplefin/simplefin-provider";
import { createSandboxProvider } from "./sandbox/sandbox-provider";
import { isSandboxEnabled } from "@/lib/sandbox/config";
import { sandboxProviderConfig } from "./sandbox/config";
import { PROVIDER_NAMES, isProviderName, type Provider, type ProviderName } from "./types";

/**
 * The adapter for `name` (a ProviderName, or the `provider` column as stored), enabled or
 * not: existing connections still need it to sync or revoke. An unknown name is a bug.
 */
export function getProvider(name: ProviderName | (string & {})): Provider {
  if (!isProviderName(name)) throw new Error(`Unknown provider "${name}"`);
  switch (name) {
    case "sandbox":
      return createSandboxProvider(sandboxProviderConfig());
    case "gocardless":
      return createGoCardlessProvider(goCardlessConfig());
    case "enablebanking":
      return createEnableBankingProvider(enableBankingConfig());
    case "saltedge":
      return createSaltEdgeProvider(saltEdgeConfig());
    case "plaid":
      return createPlaidProvider(plaidConfig());
    case "simplefin":
      return createSimpleFinProvider(simpleFinConfig());
  }
}

export function isProviderEnabled(name: ProviderName): boolean {
  switch (name) {
    case "sandbox":
      return isSandboxEnabled();
    case "gocardless":
      return isGoCardlessEnabled();
    case "enablebanking":
      return isEnableBankingEnabled();
    case "saltedge":
      return isSaltEdgeEnabled();
    case "plaid":
      return isPlaidEnabled();
    case "simplefin":
      return isSimpleFinEnabled();
  }
}

/** The names of the providers new connections can be made with (the search offers only their banks). */
export function enabledProviderNames(): ProviderName[] {
  return PROVIDER_NAMES.filter(isProviderEnabled);
}

/** The providers new connections can be made with. */
export function listEnabledProviders(): Provider[] {
  return enabledProviderNames().map(getProvider);
}
