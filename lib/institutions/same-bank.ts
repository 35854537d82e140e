/**
 * Which directory rows are the same bank at different providers, so the search shows it
 * once with each provider as an option. Same country and the same name up to case and
 * spacing (no fuzzy matching: "Sparkasse Köln" and "Sparkasse KölnBonn" stay two), and
 * BICs that agree: equal, or missing on one side (Plaid has none). Two BICs are two banks;
 * a row without a BIC whose name two BICs share cannot tell which it is, so it stays apart.
 */

export function normalizeBankName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

/** BIC8 and its BIC11 for the head office ("…XXX") name the same bank. */
export function normalizeBic(bic: string | null): string | null {
  const code = bic?.trim().toUpperCase();
  if (!code) return null;
  return code.length === 11 && code.endsWith("XXX") ? code.slice(0, 8) : code;
}

type Row = { name: string; country: string; bic: string | null };

/** The rows grouped bank by bank, in the order each bank first appears, each group in row order. */
export function groupSameBank<T extends Row>(rows: T[]): T[][] {
  const bankOf = (row: T) => `${row.country}|${normalizeBankName(row.name)}`;
  const bicsOfBank = new Map<string, Set<string>>();
  for (const row of rows) {
    const bic = normalizeBic(row.bic);
    const bics = bicsOfBank.get(bankOf(row)) ?? new Set<string>();
    if (bic) bics.add(bic);
    bicsOfBank.set(bankOf(row), bics);
  }
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const bank = bankOf(row);
    // One BIC (or none) under this name: every row is that bank. Several: each BIC its own bank.
    const key = bicsOfBank.get(bank)!.size <= 1 ? bank : `${bank}|${normalizeBic(row.bic) ?? ""}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}
