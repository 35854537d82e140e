/**
 * The dashboard's shape: one group per bank connection (the bank, its provider, its state,
 * one Fetch Transactions for all its accounts) and the manual accounts in a group of their
 * own. Built from the one list query (lib/bank-accounts/queries), no query per group.
 */
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import type { BankAccountCard } from "@/lib/bank-accounts/queries";

export type ConnectionGroup = {
  connectionId: string;
  institutionName: string;
  provider: string;
  beta: boolean;
  /** The connection's state and newest run, the same on every account of the connection. */
  state: BankAccountCard["connectionState"];
  lastRunStatus: string | null;
  lastRunMessage: string | null;
  lastRunErrorKey: string | null;
  lastRunErrorParams: unknown;
  lastRunRetryAfter: Date | null;
  /** The newest synchronization of any of its accounts. */
  lastSyncedAt: Date | null;
  /** The account Fetch Transactions names (a fetch synchronizes the whole connection); null when none is synchronized. */
  fetchAccountId: string | null;
  accounts: BankAccountCard[];
};

export type DashboardGroups = { connections: ConnectionGroup[]; manual: BankAccountCard[] };

/** Above this many accounts the dashboard offers a filter box. */
export const FILTER_THRESHOLD = 8;

export function groupByConnection(accounts: BankAccountCard[]): DashboardGroups {
  const byConnection = new Map<string, ConnectionGroup>();
  const manual: BankAccountCard[] = [];
  for (const account of accounts) {
    if (!account.connectionId) {
      manual.push(account);
      continue;
    }
    let group = byConnection.get(account.connectionId);
    if (!group) {
      group = {
        connectionId: account.connectionId,
        institutionName: account.institutionName ?? account.bankName ?? "",
        provider: account.provider ?? "",
        beta: account.institutionBeta,
        state: account.connectionState,
        lastRunStatus: account.lastRunStatus,
        lastRunMessage: account.lastRunMessage,
        lastRunErrorKey: account.lastRunErrorKey,
        lastRunErrorParams: account.lastRunErrorParams,
        lastRunRetryAfter: account.lastRunRetryAfter,
        lastSyncedAt: null,
        fetchAccountId: null,
        accounts: [],
      };
      byConnection.set(account.connectionId, group);
    }
    group.accounts.push(account);
    if (account.lastSyncedAt && (!group.lastSyncedAt || account.lastSyncedAt > group.lastSyncedAt)) group.lastSyncedAt = account.lastSyncedAt;
    if (!group.fetchAccountId && account.syncEnabled) group.fetchAccountId = account.id;
  }
  return { connections: [...byConnection.values()], manual };
}

/**
 * What the filter box matches an account on: its name, its bank, and the end of its number
 * as the card shows it (the page never sends the whole number to the browser).
 */
export function accountSearchText(account: Pick<BankAccountCard, "name" | "accountNumber" | "bankName" | "institutionName">): string {
  return [account.name, maskAccountNumber(account.accountNumber).replace("•••• ", ""), account.institutionName, account.bankName].filter(Boolean).join(" ");
}

/** Every word typed appears somewhere in the text, ignoring case, accents and spaces. */
export function matchesFilter(text: string, query: string): boolean {
  const fold = (value: string) => value.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  const haystack = fold(text);
  const compact = haystack.replace(/\s+/g, "");
  return fold(query).split(/\s+/).filter(Boolean).every((word) => haystack.includes(word) || compact.includes(word));
}
