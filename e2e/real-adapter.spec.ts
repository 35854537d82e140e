import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./fixtures";
import { formatDate } from "../lib/dates";
import { bookedWithin, daysAgo, NORDIC_MOCK_BANK, NORDIC_SHORT_BANK } from "./support/enablebanking-banks";

// The same pages, a real adapter: Enable Banking's adapter against its contract mock
// (playwright.config.ts starts it), proving the UI knows nothing of the provider.

async function connectEnableBankingBank(page: Page, search: string, bankName: string) {
  await page.goto("/");
  await page.getByRole("link", { name: "Connect bank" }).first().click();
  await page.getByLabel("Search for an institution").fill(search);
  await page.getByRole("button", { name: new RegExp(`^${bankName} \\(FI\\)`) }).click();
  await expect(page.getByText("Enable Banking").first()).toBeVisible();
  await page.getByRole("checkbox", { name: /I agree that OpenBankSync retrieves/ }).check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  // The mock bank's consent page approves and sends the browser back to our callback.
  await expect(page.getByRole("heading", { name: "Select accounts to synchronize" })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(1);
  await page.getByRole("button", { name: "Confirm" }).click();
}

test("connect a bank through Enable Banking, get its two years of history, and fetch again without duplicates", async ({ page }) => {
  await signIn(page, ADMIN);
  await connectEnableBankingBank(page, "Nordic Mock", NORDIC_MOCK_BANK.name);
  // Every booked line of the mock bank's two years, the one from 400 days ago included.
  const imported = bookedWithin(NORDIC_MOCK_BANK, 730);
  expect(imported).toBe(4);
  await expect(page.getByRole("status").filter({ hasText: "Bank connected." })).toContainText(
    `${imported} new transactions; history read back to ${formatDate(daysAgo(730), "en")}`, { timeout: 60_000 },
  );

  const card = page.getByRole("article").filter({ hasText: NORDIC_MOCK_BANK.name }).first();
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toHaveText("No new transactions");

  await card.getByRole("link").first().click();
  const books = page.getByRole("table", { name: "Transactions, newest first", exact: true });
  await expect(books).toContainText("Office supplies");
  await expect(books).toContainText("Deposit refund");
  // Pending stays out of the books: it is listed apart, greyed, until it posts.
  await expect(books).not.toContainText("Card hold");
  await expect(page.getByRole("table", { name: /^Pending transactions/ })).toContainText("Card hold");
});

test("a bank that keeps only 90 days gives its 90 days after refusing longer periods, without a failed run", async ({ page }) => {
  await signIn(page, ADMIN);
  await connectEnableBankingBank(page, "Nordic Short", NORDIC_SHORT_BANK.name);
  const imported = bookedWithin(NORDIC_SHORT_BANK, 90);
  expect(imported).toBe(2);
  await expect(page.getByRole("status").filter({ hasText: "Bank connected." })).toContainText(
    `${imported} new transactions; history read back to ${formatDate(daysAgo(90), "en")}`, { timeout: 60_000 },
  );
});
