/**
 * Test control: the Sandbox bank books lines late. Each call adds, on every granted
 * account (or the one named), a card payment dated today and one back-dated three days,
 * listed from now on: exactly what a sync that reads only the days after its newest line
 * never sees. The lines are kept on the connection and count in the balance.
 */
import { bookLateRequestJson, type LateBookingsJson } from "@/lib/providers/sandbox/types";
import { sumDecimals, toMinorUnits } from "@/lib/money";
import type { SandboxAccount } from "./accounts";
import type { SandboxContext } from "./context";
import { addDays, dayOf } from "./days";
import { lateCardPayment, type SandboxTransaction } from "./generator";
import { SandboxApiError, json, readJson } from "./http";
import type { SandboxInstitution } from "./institutions";
import { transactionJson } from "./present";
import type { SandboxConnection } from "./store";
import { sha256Hex } from "./random";

/** How far back the test control dates its second line. */
export const BACK_DATED_DAYS = 3;

/** The lines booked late on `account` through the test controls, oldest booking first. */
export function lateBookedLines(connection: SandboxConnection, account: SandboxAccount, institution: SandboxInstitution): SandboxTransaction[] {
  return connection.lateBookings.flatMap((booking, index) => {
    if (booking.accountId !== account.id) return [];
    const seed = `${connection.id}|late|${index}`;
    return [lateCardPayment(account, institution, booking.bookingDate, `late-${sha256Hex(seed).slice(0, 24)}`, seed)];
  });
}

/** What the late lines add to the account's booked balance, in minor units. */
export function lateBookedCents(lines: SandboxTransaction[]): bigint {
  return toMinorUnits(sumDecimals(lines.map((line) => line.amount)));
}

export async function bookLate(
  context: SandboxContext,
  loaded: { connection: SandboxConnection; institution: SandboxInstitution; accounts: SandboxAccount[] },
  request: Request,
): Promise<Response> {
  const body = await readJson(request, bookLateRequestJson);
  const { connection, institution } = loaded;
  const accounts = body.account_id ? loaded.accounts.filter((account) => account.id === body.account_id) : loaded.accounts;
  if (accounts.length === 0) throw new SandboxApiError(404, "account_not_found", "This account is not part of the connection.");
  const now = context.now();
  const today = dayOf(now);
  const added = accounts.flatMap((account) =>
    [today, addDays(today, -BACK_DATED_DAYS)].map((bookingDate) => ({ accountId: account.id, bookingDate, bookedAt: now.toISOString() })),
  );
  const lateBookings = [...connection.lateBookings, ...added];
  await context.store.updateConnection(connection.id, { lateBookings, updatedAt: now });
  const updated = { ...connection, lateBookings };
  const lines = accounts.flatMap((account) => lateBookedLines(updated, account, institution).slice(-2));
  const result: LateBookingsJson = { transactions: lines.map(transactionJson) };
  return json(result, 201);
}
