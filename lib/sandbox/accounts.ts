/**
 * The accounts a Sandbox login sees: derived from (institution, username, account type),
 * so the same username always finds the same accounts, with IBANs that pass the
 * ISO 7064 mod-97 check and the country's own BBAN rules.
 */
import { composeIBAN, getCountrySpecifications, isValidIBAN } from "ibantools";
import type { AccountKind, SandboxInstitution } from "./institutions";
import { digitsFrom, sha256Hex } from "./random";

export interface SandboxAccount {
  id: string;
  institutionId: string;
  name: string;
  iban: string | null;
  accountNumber: string;
  currency: string;
  kind: AccountKind;
  payroll: boolean;
  /** Minor units per planned unit (AccountTemplate.scale): 1 for euro-sized currencies. */
  scale: number;
  /** Balance at the end of BALANCE_EPOCH (generator.ts), in minor units. */
  openingBalanceCents: bigint;
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function effectiveAccountType(institution: SandboxInstitution, accountType: string | null): string {
  return accountType ?? institution.accountTypes[0] ?? "business";
}

export function deriveAccounts(institution: SandboxInstitution, username: string, accountType: string | null): SandboxAccount[] {
  const login = normalizeUsername(username);
  const type = effectiveAccountType(institution, accountType);
  return institution.accounts.map((template, index) => {
    const id = `acc_${sha256Hex(`${institution.id}|${login}|${type}|${index}`).slice(0, 24)}`;
    const digits = digitsFrom(`account-number|${id}`, 24);
    const iban = institution.bankCode ? ibanFor(institution.country, institution.bankCode, digits) : null;
    const [low, high] = template.kind === "savings" ? [20_000_00, 250_000_00] : [5_000_00, 80_000_00];
    const opening = low + (Number(digitsFrom(`opening|${id}`, 9)) % (high - low));
    return {
      id,
      institutionId: institution.id,
      name: institution.accountTypes.length > 0 ? `${capitalize(type)} ${template.name}` : template.name,
      iban,
      accountNumber: iban ?? digits.slice(0, 10),
      currency: template.currency,
      kind: template.kind,
      payroll: template.payroll ?? false,
      scale: template.scale ?? 1,
      openingBalanceCents: BigInt(opening) * BigInt(template.scale ?? 1),
    };
  });
}

/**
 * Builds a valid IBAN from a bank code and arbitrary digits. Countries with a national
 * check inside the BBAN (France's RIB key) are satisfied by trying the last two digits.
 */
export function ibanFor(country: string, bankCode: string, digits: string): string {
  const spec = getCountrySpecifications()[country];
  if (!spec?.chars) throw new Error(`No IBAN format for ${country}`);
  const accountLength = spec.chars - 4 - bankCode.length;
  const base = bankCode + digits.slice(0, accountLength - 2);
  for (let suffix = 0; suffix < 100; suffix += 1) {
    const iban = composeIBAN({ countryCode: country, bban: base + String(suffix).padStart(2, "0") });
    if (iban && isValidIBAN(iban)) return iban;
  }
  throw new Error(`Could not build an IBAN for ${country} ${bankCode}`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
