/** What Settings → Providers and the Connect bank page say about each aggregator. */
export type ProviderInfo = { label: string; configuration: string };

export const PROVIDER_INFO: Record<string, ProviderInfo> = {
  sandbox: { label: "Sandbox", configuration: "Built in; on in development, off in production unless SANDBOX_PROVIDER=on with its own secrets." },
  gocardless: { label: "GoCardless Bank Account Data", configuration: "Set GOCARDLESS_SECRET_ID and GOCARDLESS_SECRET_KEY." },
  enablebanking: { label: "Enable Banking", configuration: "Set ENABLE_BANKING_APP_ID and ENABLE_BANKING_PRIVATE_KEY (or ENABLE_BANKING_PRIVATE_KEY_FILE)." },
  plaid: { label: "Plaid", configuration: "Set PLAID_CLIENT_ID and PLAID_SECRET (PLAID_ENV=production for live banks; PLAID_COUNTRY_CODES for other countries than the US)." },
  saltedge: { label: "Salt Edge", configuration: "Set SALTEDGE_APP_ID and SALTEDGE_SECRET (and SALTEDGE_PRIVATE_KEY for signed requests, SALTEDGE_PUBLIC_KEY for callbacks)." },
  simplefin: { label: "SimpleFIN Bridge", configuration: "Set SIMPLEFIN_ENABLED=1 (no key needed: each user pastes a setup token from SimpleFIN Bridge); SIMPLEFIN_BRIDGE_URL for another SimpleFIN server." },
};

export function providerLabel(name: string): string {
  return PROVIDER_INFO[name]?.label ?? name;
}
