import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn, pageAlert } from "./fixtures";

async function chooseBank(page: Page, name: string, country: string) {
  await page.getByRole("link", { name: "Connect bank" }).first().click();
  await expect(page.getByRole("heading", { name: "Connect bank" })).toBeVisible();
  // Banks are listed before anything is typed.
  await expect(page.getByRole("list", { name: "Institutions" })).toContainText("Demo Bank Daily Limit");
  await page.getByLabel("Search for an institution").fill(name);
  await page.getByRole("button", { name: new RegExp(`^${name} \\(${country}\\)`) }).click();
  const connect = page.getByRole("button", { name: "Connect", exact: true });
  await expect(connect).toBeDisabled();
  await page.getByRole("checkbox", { name: /I agree that OpenBankSync retrieves/ }).check();
  await expect(connect).toBeEnabled();
  await connect.click();
}

async function signInAtBank(page: Page, password: string) {
  await expect(page.getByLabel("Username")).toBeVisible();
  await page.getByLabel("Username").fill("e2e-company");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("connect Demo Bank, import its history, and fetch again without duplicates", async ({ page }) => {
  await signIn(page, ADMIN);
  await chooseBank(page, "Demo Bank", "DE");
  await signInAtBank(page, "correct horse");
  const accounts = page.getByRole("checkbox");
  await expect(accounts).toHaveCount(3);
  await page.getByRole("button", { name: "Allow access" }).click();

  await expect(page.getByRole("heading", { name: "Select accounts to synchronize" })).toBeVisible();
  const selection = page.getByRole("checkbox");
  await expect(selection).toHaveCount(3);
  for (const box of await selection.all()) await expect(box).toBeChecked();
  await page.getByRole("button", { name: "Confirm" }).click();

  const notice = page.getByRole("status").filter({ hasText: "Bank connected." });
  await expect(notice).toContainText(/\d+ new transactions/, { timeout: 60_000 });
  // The connection's card: the bank, its provider, its accounts and one Fetch Transactions.
  const card = page.getByRole("article", { name: "Demo Bank", exact: true }).first();
  await expect(card).toContainText("via Sandbox");

  await card.getByRole("link", { name: /^(\w+ )?Current Account$/ }).click();
  await expect(page.getByRole("table")).toBeVisible();
  const rowsBefore = await page.getByRole("row").count();
  expect(rowsBefore).toBeGreaterThan(1);

  await page.goto("/");
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toHaveText("No new transactions");

  await card.getByRole("link", { name: /^(\w+ )?Current Account$/ }).click();
  await expect(page.getByRole("row")).toHaveCount(rowsBefore);
});

test("the bank refusing the password says so on the Connect bank page", async ({ page }) => {
  await signIn(page, ADMIN);
  await chooseBank(page, "Demo Bank Beta", "US");
  await signInAtBank(page, "wrong");
  await expect(page.getByRole("heading", { name: "Connect bank" })).toBeVisible();
  await expect(pageAlert(page)).toHaveText(
    "The bank did not accept the username or password. Check them and try again.",
  );
});
