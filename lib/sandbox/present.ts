/** The Sandbox's own records as the JSON its API returns (types from the shared contract). */
import type { AccountJson, InstitutionJson, TransactionJson } from "@/lib/providers/sandbox/types";
import { fromMinorUnits } from "@/lib/money";
import type { SandboxAccount } from "./accounts";
import { dayOf } from "./days";
import { balanceCents, type SandboxTransaction } from "./generator";
import type { SandboxInstitution } from "./institutions";

export function institutionJson(institution: SandboxInstitution, baseUrl: string): InstitutionJson {
  return {
    id: institution.id,
    name: institution.name,
    country: institution.country,
    bic: institution.bic,
    logo_url: `${baseUrl}/logos/${institution.id}.svg`,
    beta: institution.beta,
    max_history_days: institution.maxHistoryDays,
    background_refresh: institution.backgroundRefresh,
    account_types: institution.accountTypes,
    status: institution.status,
    daily_refresh_limit: institution.dailyRefreshLimit,
  };
}

/** `lateCents`: what the lines booked late through the test controls add to the balance. */
export function accountJson(account: SandboxAccount, institution: SandboxInstitution, now: Date, lateCents = BigInt(0)): AccountJson {
  return {
    id: account.id,
    name: account.name,
    iban: account.iban,
    account_number: account.accountNumber,
    currency: account.currency,
    type: account.kind,
    balance: {
      amount: fromMinorUnits(balanceCents(account, institution, dayOf(now)) + lateCents),
      currency: account.currency,
      as_of: now.toISOString(),
    },
  };
}

export function transactionJson(transaction: SandboxTransaction): TransactionJson {
  return {
    id: transaction.id,
    status: transaction.status,
    booking_date: transaction.bookingDate,
    value_date: transaction.valueDate,
    amount: transaction.amount,
    currency: transaction.currency,
    description: transaction.description,
    partner_name: transaction.partnerName,
    partner_iban: transaction.partnerIban,
    reference: transaction.reference,
  };
}
