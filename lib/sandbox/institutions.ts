/**
 * The banks the Sandbox aggregator offers. Each one exists for a behaviour the app must
 * handle (MFA, short history, refresh limit, no background refresh, beta, pending
 * transactions, outage, volume); their ids are stable because connections store them.
 */

export type AccountKind = "current" | "savings";

export interface AccountTemplate {
  name: string;
  currency: string;
  kind: AccountKind;
  /** The company's salaries leave from this account. */
  payroll?: boolean;
  /**
   * Minor units per planned unit: the plan is sized for euros, and a rupiah account moves
   * about ten thousand times the digits (a coffee is Rp35.000, not Rp3,50).
   */
  scale?: number;
}

export interface SandboxInstitution {
  id: string;
  name: string;
  country: string;
  bic: string;
  /** Fixed start of the BBAN (bank and branch code) of its accounts; empty for banks without IBANs. */
  bankCode: string;
  logoColor: string;
  beta: boolean;
  maxHistoryDays: number;
  backgroundRefresh: boolean;
  accountTypes: string[];
  status: "up" | "down";
  /** Asks for an SMS code at every refresh. */
  mfa: boolean;
  /** Refreshes allowed per connection and UTC day; null for no limit. */
  dailyRefreshLimit: number | null;
  /** Today's transactions are pending and post the next day under a new id. */
  pendingToday: boolean;
  /** Deleting a connection revokes it but the bank keeps its record. */
  keepsRecordOnDelete: boolean;
  /** Transactions per day on current accounts: [min, max] on weekdays and on weekends. */
  dailyVolume: { weekday: [number, number]; weekend: [number, number] };
  accounts: AccountTemplate[];
}

export const SANDBOX_MFA_CODE = "123456";
export const SANDBOX_MFA_PROMPT = "Enter the code we sent by SMS";
/** The password the consent page refuses as invalid credentials. */
export const SANDBOX_WRONG_PASSWORD = "wrong";

const ORDINARY = {
  beta: false,
  maxHistoryDays: 730,
  backgroundRefresh: true,
  accountTypes: [] as string[],
  status: "up" as const,
  mfa: false,
  dailyRefreshLimit: null,
  pendingToday: false,
  keepsRecordOnDelete: false,
  dailyVolume: { weekday: [0, 6] as [number, number], weekend: [0, 2] as [number, number] },
};

const EUR_CURRENT: AccountTemplate = { name: "Current Account", currency: "EUR", kind: "current", payroll: true };

/** Indonesian banks keep accounts in rupiah, without IBANs; their names are clearly made up. */
const IDR_GIRO: AccountTemplate = { name: "Giro", currency: "IDR", kind: "current", payroll: true, scale: 10_000 };
const IDR_TABUNGAN: AccountTemplate = { name: "Tabungan", currency: "IDR", kind: "savings", scale: 10_000 };

export const SANDBOX_INSTITUTIONS: readonly SandboxInstitution[] = [
  {
    ...ORDINARY,
    id: "demo_bank",
    name: "Demo Bank",
    country: "DE",
    bic: "DEMODEBBXXX",
    bankCode: "10020030",
    logoColor: "#1d4ed8",
    accountTypes: ["business", "personal"],
    accounts: [
      EUR_CURRENT,
      { name: "USD Current Account", currency: "USD", kind: "current" },
      { name: "Savings Account", currency: "EUR", kind: "savings" },
    ],
  },
  {
    ...ORDINARY,
    id: "demo_bank_mfa",
    name: "Demo Bank MFA",
    country: "FR",
    bic: "DMFAFRPP",
    bankCode: "1751500010",
    logoColor: "#7c3aed",
    mfa: true,
    accounts: [EUR_CURRENT, { name: "Savings Account", currency: "EUR", kind: "savings" }],
  },
  {
    ...ORDINARY,
    id: "demo_bank_90_days",
    name: "Demo Bank 90 days",
    country: "NL",
    bic: "DNTDNL2A",
    bankCode: "DNTD",
    logoColor: "#ea580c",
    maxHistoryDays: 90,
    accounts: [EUR_CURRENT],
  },
  {
    ...ORDINARY,
    id: "demo_bank_daily_limit",
    name: "Demo Bank Daily Limit",
    country: "GB",
    bic: "DDLMGB2L",
    bankCode: "DDLM400515",
    logoColor: "#0f766e",
    dailyRefreshLimit: 1,
    accounts: [
      { name: "Current Account", currency: "GBP", kind: "current", payroll: true },
      { name: "Euro Account", currency: "EUR", kind: "current" },
    ],
  },
  {
    ...ORDINARY,
    id: "demo_bank_manual_only",
    name: "Demo Bank Manual Only",
    country: "DE",
    bic: "DMANDEFF",
    bankCode: "50070010",
    logoColor: "#b45309",
    backgroundRefresh: false,
    keepsRecordOnDelete: true,
    accounts: [EUR_CURRENT],
  },
  {
    ...ORDINARY,
    id: "demo_bank_beta",
    name: "Demo Bank Beta",
    country: "US",
    bic: "DBETUS33",
    bankCode: "",
    logoColor: "#be185d",
    beta: true,
    accountTypes: ["business", "personal"],
    accounts: [
      { name: "Checking Account", currency: "USD", kind: "current", payroll: true },
      { name: "Savings Account", currency: "USD", kind: "savings" },
    ],
  },
  {
    ...ORDINARY,
    id: "demo_bank_pending",
    name: "Demo Bank Pending",
    country: "NL",
    bic: "DPNDNL2A",
    bankCode: "DPND",
    logoColor: "#4d7c0f",
    pendingToday: true,
    accounts: [EUR_CURRENT],
  },
  {
    ...ORDINARY,
    id: "demo_bank_unavailable",
    name: "Demo Bank Unavailable",
    country: "FR",
    bic: "DUNAFRPP",
    bankCode: "1020700045",
    logoColor: "#6b7280",
    status: "down",
    accounts: [EUR_CURRENT],
  },
  {
    // About 100,000 transactions over two years, for paging and the sync benchmark.
    ...ORDINARY,
    id: "demo_bank_bulk",
    name: "Demo Bank Bulk",
    country: "DE",
    bic: "DBLKDEFF",
    bankCode: "70010080",
    logoColor: "#0369a1",
    dailyVolume: { weekday: [120, 154], weekend: [120, 154] },
    accounts: [{ name: "High-Volume Account", currency: "EUR", kind: "current", payroll: true }],
  },
  {
    ...ORDINARY,
    id: "demo_bank_central_asia",
    name: "Demo Bank Central Asia",
    country: "ID",
    bic: "DBCAIDJA",
    bankCode: "",
    logoColor: "#0060af",
    accounts: [IDR_GIRO, IDR_TABUNGAN],
  },
  {
    // Indonesian banks often ask for a token code at every login: the FAQ's "only when I refresh by hand".
    ...ORDINARY,
    id: "demo_bank_mandiri",
    name: "Demo Bank Mandiri",
    country: "ID",
    bic: "DBMDIDJA",
    bankCode: "",
    logoColor: "#003d79",
    mfa: true,
    accounts: [IDR_GIRO],
  },
  {
    ...ORDINARY,
    id: "demo_bank_rakyat",
    name: "Demo Bank Rakyat",
    country: "ID",
    bic: "DBRKIDJA",
    bankCode: "",
    logoColor: "#00529c",
    pendingToday: true,
    accounts: [IDR_GIRO, IDR_TABUNGAN],
  },
];

export function findInstitution(id: string): SandboxInstitution | null {
  return SANDBOX_INSTITUTIONS.find((institution) => institution.id === id) ?? null;
}
