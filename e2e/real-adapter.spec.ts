import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./fixtures";

// The same pages, a real adapter: Enable Banking's adapter against its contract mock
// (playwright.config.ts starts it), proving the UI knows nothing of the provider.
test("connect a bank through Enable Banking and fetch again without duplicates", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Connect bank" }).first().click();
  await page.getByLabel("Search for an institution").fill("Nordic Mock");
  await page.getByRole("button", { name: /^Nordic Mock Bank \(FI\)/ }).click();
  await expect(page.getByText("Enable Banking").first()).toBeVisible();
  await page.getByRole("checkbox", { name: /I agree that OpenBankSync retrieves/ }).check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();

  // The mock bank's consent page approves and sends the browser back to our callback.
  await expect(page.getByRole("heading", { name: "Select accounts to synchronize" })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(1);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bank connected." })).toContainText("3 new transactions", { timeout: 60_000 });

  const card = page.getByRole("article").filter({ hasText: "Nordic Mock Bank" }).first();
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toHaveText("No new transactions");

  await card.getByRole("link").first().click();
  const books = page.getByRole("table", { name: "Transactions, newest first", exact: true });
  await expect(books).toContainText("Office supplies");
  // Pending stays out of the books: it is listed apart, greyed, until it posts.
  await expect(books).not.toContainText("Card hold");
  await expect(page.getByRole("table", { name: /^Pending transactions/ })).toContainText("Card hold");
});
