import { createHash } from "node:crypto";
import { isValidIBAN } from "ibantools";
import { describe, expect, it } from "vitest";
import { fromMinorUnits, sumDecimals } from "@/lib/money";
import { deriveAccounts } from "./accounts";
import { addDays } from "./days";
import { balanceCents, transactionPage, transactionsOfDay, type SandboxTransaction } from "./generator";
import { SANDBOX_INSTITUTIONS, findInstitution, type SandboxInstitution } from "./institutions";
import { transactionJson } from "./present";
import type { SandboxAccount } from "./accounts";

const TODAY = "2025-06-15";
const demoBank = findInstitution("demo_bank")!;
const [eurCurrent, usdCurrent, savings] = deriveAccounts(demoBank, "alice", null);

function allTransactions(
  institution = demoBank,
  account = eurCurrent!,
  window: { from: string; to: string; today: string } = { from: "2000-01-01", to: TODAY, today: TODAY },
  limit = 1000,
): SandboxTransaction[] {
  const found: SandboxTransaction[] = [];
  let after = null;
  do {
    const page = transactionPage({ account, institution, ...window, after, limit });
    found.push(...page.transactions);
    after = page.next;
  } while (after);
  return found;
}

describe("Sandbox transaction generator", () => {
  it("returns the same transactions, ids included, when the same window is fetched twice", () => {
    const first = allTransactions();
    const second = allTransactions();
    expect(first.length).toBeGreaterThan(500);
    expect(second).toEqual(first);
  });

  it("pages through a window without gaps or duplicates", () => {
    const whole = allTransactions(demoBank, eurCurrent!, { from: "2025-01-01", to: "2025-03-31", today: TODAY }, 1000);
    const paged = allTransactions(demoBank, eurCurrent!, { from: "2025-01-01", to: "2025-03-31", today: TODAY }, 7);
    expect(paged.map((t) => t.id)).toEqual(whole.map((t) => t.id));
    expect(new Set(paged.map((t) => t.id)).size).toBe(paged.length);
    expect(paged.every((t) => t.bookingDate >= "2025-01-01" && t.bookingDate <= "2025-03-31")).toBe(true);
  });

  it("adds the new days when time moves forward; an old day changes only by a line booked late, at most three days back", () => {
    const before = allTransactions();
    const later = addDays(TODAY, 5);
    const after = allTransactions(demoBank, eurCurrent!, { from: "2000-01-01", to: later, today: later });
    const stillKept = after.filter((t) => t.bookingDate <= TODAY);
    const oldestKept = stillKept[0]!.bookingDate;
    const known = new Set(before.map((t) => t.id));
    const bookedLate = stillKept.filter((t) => !known.has(t.id));
    expect(stillKept.filter((t) => known.has(t.id))).toEqual(before.filter((t) => t.bookingDate >= oldestKept));
    expect(bookedLate.every((t) => t.bookingDate >= addDays(TODAY, -2))).toBe(true);
    expect(after.some((t) => t.bookingDate > TODAY)).toBe(true);
    expect(after.every((t) => t.bookingDate <= later)).toBe(true);
  });

  it("now and then books a card payment late: dated one day, listed only from the next day or three days later", () => {
    const days = Array.from({ length: 365 }, (_, i) => addDays("2024-06-15", i));
    const late = days.flatMap((day) => {
      const onTheDay = transactionsOfDay(eurCurrent!, demoBank, day, day);
      const listed = [1, 2, 3].map((delay) => transactionsOfDay(eurCurrent!, demoBank, day, addDays(day, delay)));
      const extra = listed[2]!.slice(onTheDay.length);
      expect(listed[2]!.slice(0, onTheDay.length)).toEqual(onTheDay);
      return extra.map((line) => ({ line, delay: listed.findIndex((lines) => lines.some((t) => t.id === line.id)) + 1 }));
    });
    // A low rate: a few days a year, never most of them.
    expect(late.length).toBeGreaterThan(2);
    expect(late.length).toBeLessThan(20);
    expect(new Set(late.map(({ delay }) => delay))).toEqual(new Set([1, 3]));
    for (const { line } of late) {
      expect(line).toMatchObject({ status: "posted", description: expect.stringMatching(/^Card payment /) });
      expect(line.amount.startsWith("-")).toBe(true);
    }
  });

  it("keeps only 90 days at Demo Bank 90 days, two years at Demo Bank", () => {
    const shortBank = findInstitution("demo_bank_90_days")!;
    const [account] = deriveAccounts(shortBank, "alice", null);
    const short = allTransactions(shortBank, account!);
    expect(short[0]!.bookingDate >= addDays(TODAY, -90)).toBe(true);
    expect(short[0]!.bookingDate <= addDays(TODAY, -80)).toBe(true);
    expect(allTransactions()[0]!.bookingDate <= addDays(TODAY, -720)).toBe(true);
  });

  it("shows today's transactions as pending at Demo Bank Pending, then posted under a new id the next day", () => {
    const pendingBank = findInstitution("demo_bank_pending")!;
    const [account] = deriveAccounts(pendingBank, "alice", null);
    let day = TODAY;
    while (transactionsOfDay(account!, pendingBank, day, day).length === 0) day = addDays(day, 1);

    const onTheDay = transactionsOfDay(account!, pendingBank, day, day);
    expect(onTheDay.every((t) => t.status === "pending" && t.id.startsWith("pend-"))).toBe(true);
    expect(transactionsOfDay(account!, pendingBank, addDays(day, -1), day).every((t) => t.status === "posted")).toBe(true);

    const nextDay = addDays(day, 1);
    const window = allTransactions(pendingBank, account!, { from: day, to: day, today: nextDay });
    expect(window.map((t) => t.status)).toEqual(onTheDay.map(() => "posted"));
    expect(window.map((t) => t.amount)).toEqual(onTheDay.map((t) => t.amount));
    const pendingIds = new Set(onTheDay.map((t) => t.id));
    expect(window.some((t) => pendingIds.has(t.id))).toBe(false);
  });

  it("posts today's transactions at an ordinary bank", () => {
    let day = TODAY;
    while (transactionsOfDay(eurCurrent!, demoBank, day, day).length === 0) day = addDays(day, 1);
    expect(transactionsOfDay(eurCurrent!, demoBank, day, day).every((t) => t.status === "posted" && t.id.startsWith("txn-"))).toBe(true);
  });

  it("writes amounts as exact decimal strings in the account's currency, money in and out", () => {
    const year = allTransactions(demoBank, usdCurrent!, { from: "2024-06-15", to: TODAY, today: TODAY });
    expect(year.every((t) => /^-?\d+\.\d{2}$/.test(t.amount) && t.currency === "USD")).toBe(true);
    expect(year.some((t) => t.amount.startsWith("-"))).toBe(true);
    expect(year.some((t) => !t.amount.startsWith("-"))).toBe(true);
    expect(year.some((t) => t.description.startsWith("Card payment"))).toBe(true);

    const eur = allTransactions(demoBank, eurCurrent!, { from: "2025-05-01", to: TODAY, today: TODAY });
    const withIban = eur.filter((t) => t.partnerIban);
    expect(withIban.length).toBeGreaterThan(10);
    expect(withIban.every((t) => isValidIBAN(t.partnerIban!))).toBe(true);
  });

  it("gives savings accounts few transactions, interest on the first of the month", () => {
    const ofSavings = allTransactions(demoBank, savings!, { from: "2025-01-01", to: "2025-05-31", today: TODAY });
    expect(ofSavings.length).toBeLessThan(60);
    expect(ofSavings.filter((t) => t.description.startsWith("Interest")).map((t) => t.bookingDate)).toEqual([
      "2025-01-01",
      "2025-02-01",
      "2025-03-01",
      "2025-04-01",
      "2025-05-01",
    ]);
  });

  it("pays each employee once a month, the same salary every month, from the payroll account", () => {
    const salaries = allTransactions(demoBank, eurCurrent!, { from: "2025-03-01", to: "2025-05-31", today: TODAY }).filter((t) =>
      t.description.startsWith("Salary"),
    );
    const byEmployee = new Map<string | null, SandboxTransaction[]>();
    for (const salary of salaries) byEmployee.set(salary.partnerName, [...(byEmployee.get(salary.partnerName) ?? []), salary]);
    expect(byEmployee.size).toBeGreaterThan(3);
    for (const paid of byEmployee.values()) {
      expect(paid.map((t) => t.bookingDate.slice(0, 7))).toEqual(["2025-03", "2025-04", "2025-05"]);
      expect(new Set(paid.map((t) => t.amount)).size).toBe(1);
    }
    const usdYear = allTransactions(demoBank, usdCurrent!, { from: "2025-01-01", to: TODAY, today: TODAY });
    expect(usdYear.some((t) => t.description.startsWith("Salary"))).toBe(false);
  });

  it("moves the balance by exactly the posted lines newly listed that day, late ones included", () => {
    // The lines listed on `today` that were not listed the day before (a late one is dated up to three days back).
    const newlyListed = (account: SandboxAccount, institution: SandboxInstitution, today: string) => {
      const days = [3, 2, 1, 0].map((back) => addDays(today, -back));
      const before = new Set(days.slice(0, 3).flatMap((day) => transactionsOfDay(account, institution, day, addDays(today, -1))).map((t) => `${t.id}|${t.status}`));
      return sumDecimals(days.flatMap((day) => transactionsOfDay(account, institution, day, today))
        .filter((t) => t.status === "posted" && !before.has(`${t.id}|${t.status}`)).map((t) => t.amount));
    };
    for (const [institution, account] of [
      [demoBank, eurCurrent!],
      [findInstitution("demo_bank_pending")!, deriveAccounts(findInstitution("demo_bank_pending")!, "alice", null)[0]!],
    ] as const) {
      for (let i = 0; i < 120; i += 1) {
        const day = addDays(TODAY, i);
        expect(fromMinorUnits(balanceCents(account, institution, day) - balanceCents(account, institution, addDays(day, -1)))).toBe(newlyListed(account, institution, day));
      }
    }
  });

  it("lists every bank's lines with the ids, amounts and words it always gave, so a database synced before sees nothing new", () => {
    // Digests of a month of every bank's lines as the API writes them, taken before the
    // generator was made faster: a change here gives users' stored lines new twins.
    const digests = Object.fromEntries(SANDBOX_INSTITUTIONS.map((institution) => {
      const lines = deriveAccounts(institution, "alice", null).flatMap((account) =>
        transactionPage({ account, institution, today: TODAY, from: "2025-05-16", to: TODAY, after: null, limit: 1000 }).transactions.map(transactionJson));
      return [institution.id, createHash("sha256").update(JSON.stringify(lines)).digest("hex").slice(0, 16)];
    }));
    expect(digests).toEqual({
      demo_bank: "52835d9a28fa4f79",
      demo_bank_mfa: "9769188b70d2b6c9",
      demo_bank_90_days: "93cfc34aa3e9603b",
      demo_bank_daily_limit: "84fbfeb6e56a94cb",
      demo_bank_manual_only: "2aa57af848f3f6af",
      demo_bank_beta: "15136805193188df",
      demo_bank_pending: "7990f5da3b5fbdd0",
      demo_bank_unavailable: "bc3e5bb1ea143810",
      demo_bank_bulk: "0a61c7ef3568d129",
      demo_bank_central_asia: "3bd8bf62f99e4402",
      demo_bank_mandiri: "8eed4c066c4dea83",
      demo_bank_rakyat: "ea08aa1e0dc1cf27",
    });
  });

  it("streams Demo Bank Bulk's two years, about 100,000 transactions, page by page", () => {
    const bulk = findInstitution("demo_bank_bulk")!;
    const [account] = deriveAccounts(bulk, "bench", null);
    let count = 0;
    let pages = 0;
    let after = null;
    do {
      const page = transactionPage({ account: account!, institution: bulk, today: TODAY, from: "2000-01-01", to: TODAY, after, limit: 1000 });
      count += page.transactions.length;
      pages += 1;
      after = page.next;
    } while (after);
    expect(count).toBeGreaterThan(95_000);
    expect(count).toBeLessThan(105_000);
    expect(pages).toBe(Math.ceil(count / 1000));
  });
});

describe("the Sandbox's Indonesian banks", () => {
  const bca = findInstitution("demo_bank_central_asia")!;
  const [giro, tabungan] = deriveAccounts(bca, "budi", null);

  it("keep rupiah accounts without IBANs, sized like rupiah amounts", () => {
    expect([giro!.currency, tabungan!.currency]).toEqual(["IDR", "IDR"]);
    expect(giro!.iban).toBeNull();
    const lines = allTransactions(bca, giro!, { from: "2025-05-01", to: TODAY, today: TODAY });
    const cards = lines.filter((t) => t.description.startsWith("TRANSAKSI DEBIT"));
    expect(cards.length).toBeGreaterThan(0);
    // A card payment of Rp35.000 at least: ten thousand times the euro plan.
    expect(cards.every((t) => Number(t.amount) <= -35_000)).toBe(true);
    expect(lines.every((t) => t.currency === "IDR" && t.partnerIban === null)).toBe(true);
  });

  it("word their lines as an Indonesian statement does", () => {
    const lines = allTransactions(bca, giro!, { from: "2025-01-01", to: TODAY, today: TODAY });
    const wording = new Set(lines.map((t) => t.description.split(" ").slice(0, 2).join(" ")));
    expect(wording).toContain("TRSF E-BANKING");
    expect(wording).toContain("BI-FAST CR");
    expect(wording).toContain("BIAYA ADM");
  });

  it("pay interest (BUNGA) with cents on savings, and the balance stays the sum of the lines", () => {
    const lines = allTransactions(bca, tabungan!, { from: "2025-01-01", to: TODAY, today: TODAY });
    const interest = lines.filter((t) => t.description === "BUNGA");
    expect(interest.map((t) => t.bookingDate)).toEqual(["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"]);
    expect(interest.some((t) => !t.amount.endsWith(".00"))).toBe(true);
    const before = balanceCents(tabungan!, bca, "2024-12-31");
    const after = balanceCents(tabungan!, bca, TODAY);
    expect(fromMinorUnits(after - before)).toBe(sumDecimals(lines.map((t) => t.amount)));
  });
});
