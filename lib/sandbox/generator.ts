/**
 * The Sandbox bank's transactions, generated instead of stored. A day's transactions
 * are a pure function of (account, day), so fetching a window twice gives the same ids,
 * new days bring new transactions and old days never change. Paging walks day by day,
 * so a page costs O(limit) whatever the size of the history.
 *
 * Each day is planned first (kinds and amounts, from one seeded stream), then each
 * planned transaction is described (partner, wording, reference, from its own stream):
 * balances only need the plan, which keeps them cheap over years of history.
 */
import { fromMinorUnits } from "@/lib/money";
import type { SandboxAccount } from "./accounts";
import { BANK_FEES, CUSTOMERS, EMPLOYEES, MERCHANTS, MONTHS, SUPPLIERS, UTILITIES, partnerIban, transferRail, type Partner } from "./catalog";
import { addDays, isWeekend, maxDay, minDay } from "./days";
import type { SandboxInstitution } from "./institutions";
import { seededRandom, sha256Hex, type Random } from "./random";
import { indonesianLine } from "./wording-id";

export interface SandboxTransaction {
  id: string;
  status: "posted" | "pending";
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  description: string;
  partnerName: string | null;
  partnerIban: string | null;
  reference: string | null;
}

/** Balances count from the end of this day (`openingBalanceCents`), so they move only by new transactions. */
export const BALANCE_EPOCH = "2020-01-01";

type Kind = "card" | "supplier" | "customer" | "direct_debit" | "fee" | "refund" | "salary" | "interest" | "savings_transfer";

interface Planned {
  kind: Kind;
  cents: number;
  /** Which employee a salary goes to. */
  slot: number;
}

interface Description {
  description: string;
  partnerName: string | null;
  partnerIban: string | null;
  reference: string | null;
  valueDateOffset: number;
}

/**
 * Everyday kinds of a current account: weight and amount range in minor units. The
 * weights keep balances roughly level over the years; the payroll account gets more
 * customer payments to cover the salaries.
 */
function everydayKinds(customerWeight: number): { weight: number; value: { kind: Kind; min: number; max: number } }[] {
  return [
    { weight: 30, value: { kind: "card", min: -450_00, max: -3_50 } },
    { weight: 18, value: { kind: "supplier", min: -6_500_00, max: -80_00 } },
    { weight: customerWeight, value: { kind: "customer", min: 150_00, max: 6_500_00 } },
    { weight: 8, value: { kind: "direct_debit", min: -900_00, max: -25_00 } },
    { weight: 6, value: { kind: "fee", min: -35_00, max: -1_50 } },
    { weight: 4, value: { kind: "refund", min: 5_00, max: 250_00 } },
  ];
}
const EVERYDAY = everydayKinds(22);
const EVERYDAY_WITH_PAYROLL = everydayKinds(32);

/** Salaries are paid on the 25th, or the Friday before when it falls on a weekend. */
function isPayday(day: string): boolean {
  const dayOfMonth = Number(day.slice(8, 10));
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return (dayOfMonth === 25 && !isWeekend(day)) || (weekday === 5 && (dayOfMonth === 24 || dayOfMonth === 23));
}

function planDay(account: SandboxAccount, institution: SandboxInstitution, day: string): Planned[] {
  const random = seededRandom(`${account.id}|${day}|plan`);
  const planned: Planned[] = [];
  const { scale } = account;
  if (account.kind === "savings") {
    // Interest is drawn in the account's own minor units, so a rupiah account's has cents.
    if (day.endsWith("-01")) planned.push({ kind: "interest", cents: random.int(5_00 * scale, 150_00 * scale), slot: 0 });
    if (!isWeekend(day) && random.next() < 0.15) {
      const sign = random.next() < 0.6 ? 1 : -1;
      planned.push({ kind: "savings_transfer", cents: sign * random.int(500, 20_000) * 100 * scale, slot: 0 });
    }
    return planned;
  }
  if (account.payroll && isPayday(day)) {
    // Each employee earns the same every month.
    EMPLOYEES.forEach((_, slot) => planned.push({ kind: "salary", cents: -seededRandom(`${account.id}|salary|${slot}`).int(2_400, 5_200) * 100 * scale, slot }));
  }
  const [min, max] = isWeekend(day) ? institution.dailyVolume.weekend : institution.dailyVolume.weekday;
  for (let count = random.int(min, max); count > 0; count -= 1) {
    const { kind, min: low, max: high } = random.weighted(account.payroll ? EVERYDAY_WITH_PAYROLL : EVERYDAY);
    planned.push({ kind, cents: random.int(low, high) * scale, slot: 0 });
  }
  return planned;
}

const year = (day: string) => day.slice(0, 4);
const monthName = (day: string) => MONTHS[Number(day.slice(5, 7)) - 1]!;
const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** A partner's IBAN as the account's statements show it: US statements show none. */
function ibanOf(account: SandboxAccount, partner: Partner): string | null {
  return account.currency === "USD" ? null : partnerIban(partner);
}

/** A line's words (one literal per kind: the generator describes every line of years of history). */
function line(description: string, partnerName: string | null, partnerIban: string | null = null, reference: string | null = null, valueDateOffset = 0): Description {
  return { description, partnerName, partnerIban, reference, valueDateOffset };
}

function describe(planned: Planned, random: Random, account: SandboxAccount, institution: SandboxInstitution, day: string): Description {
  if (institution.country === "ID") {
    return { ...indonesianLine(planned.kind, planned.cents > 0, random, institution.name, day, planned.slot), partnerIban: null };
  }
  switch (planned.kind) {
    case "card": {
      const merchant = random.pick(MERCHANTS);
      const reference = `POS ${random.int(100000, 999999)}`;
      return line(`Card payment ${merchant}`, merchant, null, reference, -random.int(0, 2));
    }
    case "supplier": {
      const supplier = random.pick(SUPPLIERS);
      const invoice = `R-${year(day)}-${pad(random.int(1, 9999), 4)}`;
      return line(`${transferRail(account.currency)} Invoice ${invoice}`, supplier.name, ibanOf(account, supplier), invoice);
    }
    case "customer": {
      const customer = random.pick(CUSTOMERS);
      const invoice = `INV-${year(day)}-${pad(random.int(1, 9999), 4)}`;
      return line(`Payment for invoice ${invoice}`, customer.name, ibanOf(account, customer), invoice);
    }
    case "direct_debit": {
      const utility = random.pick(UTILITIES);
      return line(`Direct debit ${utility.name} ${monthName(day)} ${year(day)}`, utility.name, ibanOf(account, utility), `MANDATE-${random.int(10000, 99999)}`);
    }
    case "fee":
      return line(random.pick(BANK_FEES), institution.name);
    case "refund": {
      const description = `Refund order ${random.int(100000, 999999)}`;
      return line(description, random.pick(MERCHANTS));
    }
    case "salary": {
      const employee = EMPLOYEES[planned.slot]!;
      return line(`Salary ${monthName(day)} ${year(day)}`, employee.name, ibanOf(account, employee), `SAL-${day.slice(0, 7)}-${pad(planned.slot + 1, 3)}`);
    }
    case "interest": {
      const lastMonth = addDays(day, -1);
      return line(`Interest ${monthName(lastMonth)} ${year(lastMonth)}`, institution.name);
    }
    case "savings_transfer":
      return line(planned.cents > 0 ? "Transfer from current account" : "Transfer to current account", null, null, `TRF-${day.replaceAll("-", "")}`);
  }
}

/**
 * Like a real bank, the Sandbox now and then books a card payment late: it is dated
 * `day` but listed only from `day + delay` on (the next day, or back-dated three days),
 * so a sync that reads only the days after its newest line never sees it. A current
 * account has one on about one day in fifty, chosen by its own seeded stream.
 */
const LATE_BOOKING_RATE = 0.02;

function lateLineOf(account: SandboxAccount, day: string): (Planned & { visibleFrom: string }) | null {
  if (account.kind === "savings") return null;
  const random = seededRandom(`${account.id}|${day}|late`);
  if (random.next() >= LATE_BOOKING_RATE) return null;
  const delay = random.next() < 0.5 ? 1 : 3;
  return { kind: "card", cents: random.int(-120_00, -3_50) * account.scale, slot: 0, visibleFrom: addDays(day, delay) };
}

/** All transactions booked on `day`, as the bank shows them when today is `today`. */
export function transactionsOfDay(account: SandboxAccount, institution: SandboxInstitution, day: string, today: string): SandboxTransaction[] {
  const pending = institution.pendingToday && day === today;
  const lines = planDay(account, institution, day).map((planned, index): SandboxTransaction => {
    const random = seededRandom(`${account.id}|${day}|${index}`);
    return pending
      ? describedLine(planned, random, account, institution, day, `pend-${sha256Hex(`pending|${account.id}|${day}|${index}`).slice(0, 24)}`, "pending")
      : describedLine(planned, random, account, institution, day, `txn-${sha256Hex(`${account.id}|${day}|${index}`).slice(0, 24)}`, "posted");
  });
  // Listed after the day's other lines, so a page position taken before it appeared stays valid.
  const late = lateLineOf(account, day);
  if (late && late.visibleFrom <= today) {
    lines.push(describedLine(late, seededRandom(`${account.id}|${day}|late|text`), account, institution, day, `txn-${sha256Hex(`${account.id}|${day}|late`).slice(0, 24)}`, "posted"));
  }
  return lines;
}

/**
 * A card payment dated `day`, drawn from `seed`: the kind of line the Sandbox books late,
 * on its own (above) or through its test controls (./late-bookings.ts).
 */
export function lateCardPayment(account: SandboxAccount, institution: SandboxInstitution, day: string, id: string, seed: string): SandboxTransaction {
  const random = seededRandom(seed);
  return describedLine({ kind: "card", cents: random.int(-120_00, -3_50) * account.scale, slot: 0 }, random, account, institution, day, id, "posted");
}

/** The line of `day` from its plan and description; a pending line has no value date yet. */
function describedLine(
  planned: Planned, random: Random, account: SandboxAccount, institution: SandboxInstitution, day: string, id: string, status: SandboxTransaction["status"],
): SandboxTransaction {
  const text = describe(planned, random, account, institution, day);
  return {
    id,
    status,
    bookingDate: day,
    valueDate: status === "pending" ? null : text.valueDateOffset === 0 ? day : addDays(day, text.valueDateOffset),
    amount: fromMinorUnits(BigInt(planned.cents)),
    currency: account.currency,
    description: text.description,
    partnerName: text.partnerName,
    partnerIban: text.partnerIban,
    reference: text.reference,
  };
}

/** The oldest day the bank still returns. */
export function historyStart(institution: SandboxInstitution, today: string): string {
  return addDays(today, -institution.maxHistoryDays);
}

/** The posted lines of the days `first` to `last` as listed when today is `today` (late lines once they appear). */
function sumOfDays(account: SandboxAccount, institution: SandboxInstitution, first: string, last: string, today: string): bigint {
  let total = 0;
  for (let day = first; day <= last; day = addDays(day, 1)) {
    for (const planned of planDay(account, institution, day)) total += planned.cents;
    const late = lateLineOf(account, day);
    if (late && late.visibleFrom <= today) total += late.cents;
  }
  return BigInt(total);
}

/** Booked balance today: pending transactions do not count until they post. */
export function balanceCents(account: SandboxAccount, institution: SandboxInstitution, today: string): bigint {
  const lastPosted = institution.pendingToday ? addDays(today, -1) : today;
  return lastPosted >= BALANCE_EPOCH
    ? account.openingBalanceCents + sumOfDays(account, institution, addDays(BALANCE_EPOCH, 1), lastPosted, today)
    : account.openingBalanceCents - sumOfDays(account, institution, addDays(lastPosted, 1), BALANCE_EPOCH, today);
}

/** Where a page starts: the `index`-th transaction of `day`. */
export interface PagePosition {
  day: string;
  index: number;
}

export interface TransactionPageInput {
  account: SandboxAccount;
  institution: SandboxInstitution;
  today: string;
  from: string;
  to: string;
  after: PagePosition | null;
  limit: number;
  /** Lines booked late through the test controls, listed after the day's own lines. */
  lateBooked?: SandboxTransaction[];
}

/** One page of the window [from, to] clipped to the kept history, oldest first. */
export function transactionPage(input: TransactionPageInput): { transactions: SandboxTransaction[]; next: PagePosition | null } {
  const { account, institution, today, limit } = input;
  const start = maxDay(input.from, historyStart(institution, today));
  const end = minDay(input.to, today);
  const transactions: SandboxTransaction[] = [];
  let day = input.after && input.after.day > start ? input.after.day : start;
  let index = input.after && input.after.day >= start ? input.after.index : 0;
  for (; day <= end; day = addDays(day, 1), index = 0) {
    const ofDay = [...transactionsOfDay(account, institution, day, today), ...(input.lateBooked ?? []).filter((line) => line.bookingDate === day)];
    for (; index < ofDay.length; index += 1) {
      // A full page stops only where another transaction follows, so the last page never comes back empty.
      if (transactions.length === limit) return { transactions, next: { day, index } };
      transactions.push(ofDay[index]!);
    }
  }
  return { transactions, next: null };
}
