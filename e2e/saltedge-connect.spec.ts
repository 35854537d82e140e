import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./fixtures";
import { postedLines, THAMES_MOCK_BANK } from "./support/saltedge-banks";

// Salt Edge's adapter against its contract mock (playwright.config.ts starts it). Right
// after consent Salt Edge holds the bank's data and allows no refresh for a while: the
// first sync reads what it holds and says when the next refresh is possible.
test("connect a bank through Salt Edge and import every posted line on the first sync", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Connect bank" }).first().click();
  await page.getByLabel("Search for an institution").fill("Thames Mock");
  await page.getByRole("button", { name: /^Thames Mock Bank \(GB\)/ }).click();
  await expect(page.getByText("Salt Edge").first()).toBeVisible();
  await page.getByRole("checkbox", { name: /I agree that OpenBankSync retrieves/ }).check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();

  // Salt Edge Connect (the mock's page) sends the browser back to our callback.
  await expect(page.getByRole("heading", { name: "Select accounts to synchronize" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm" }).click();
  const imported = postedLines(THAMES_MOCK_BANK);
  expect(imported).toBe(4);
  const notice = page.getByRole("status").filter({ hasText: "Bank connected." });
  await expect(notice).toContainText(`${imported} new transactions`, { timeout: 60_000 });
  await expect(notice).toContainText("next refresh possible after");

  // Before that time Fetch Transactions reads again: nothing new, and not refused.
  const card = page.getByRole("article").filter({ hasText: "Thames Business Current" }).first();
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toContainText("No new transactions");

  await card.getByRole("link").first().click();
  const books = page.getByRole("table", { name: "Transactions, newest first", exact: true });
  await expect(books).toContainText("Contract payment");
  await expect(books).not.toContainText("Card payment (pending)");
});
