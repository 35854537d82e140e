/**
 * Which provider a bank is connected through by default when several serve it: a
 * per-country order (PSD2 aggregators first in Europe, Plaid in North America), which
 * PROVIDER_PREFERENCE overrides, e.g. "DE=enablebanking,gocardless;US=plaid,simplefin;*=gocardless".
 * The others stay offered as alternatives on the Connect bank page.
 */
const NORTH_AMERICA = ["plaid", "simplefin", "saltedge"];
const EUROPE = ["gocardless", "enablebanking", "saltedge", "plaid"];
const BUILT_IN: Record<string, string[]> = { US: NORTH_AMERICA, CA: NORTH_AMERICA, "*": ["saltedge", ...EUROPE] };
const EUROPEAN = new Set("AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK".split(" "));

function parsePreference(value: string | undefined): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const entry of (value ?? "").split(";")) {
    const [country, providers] = entry.split("=");
    if (!country?.trim() || !providers) continue;
    table[country.trim().toUpperCase()] = providers.split(",").map((p) => p.trim()).filter(Boolean);
  }
  return table;
}

export function providerOrder(country: string, env: Record<string, string | undefined> = process.env): string[] {
  const configured = parsePreference(env.PROVIDER_PREFERENCE);
  const code = country.toUpperCase();
  return configured[code] ?? configured["*"] ?? BUILT_IN[code] ?? (EUROPEAN.has(code) ? EUROPE : BUILT_IN["*"]!);
}

/** The options of one bank, the default provider first (providers not in the order keep their place, last). */
export function sortByPreference<T extends { provider: string }>(options: T[], country: string, env: Record<string, string | undefined> = process.env): T[] {
  const order = providerOrder(country, env);
  const rank = (provider: string) => {
    const index = order.indexOf(provider);
    return index === -1 ? order.length : index;
  };
  return options.map((option, index) => ({ option, index })).sort((a, b) => rank(a.option.provider) - rank(b.option.provider) || a.index - b.index).map((x) => x.option);
}
