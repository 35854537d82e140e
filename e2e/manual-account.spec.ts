import { expect, test } from "@playwright/test";
import { friendlyFormatIBAN } from "ibantools";
import { ADMIN, signIn } from "./fixtures";
import { freshIban } from "./support/manual-account";

test("Add new bank: an IBAN typo is questioned, a bad SWIFT code refused, a good one creates a not-synchronized account", async ({ page }) => {
  const iban = freshIban();
  const lastDigit = Number(iban.at(-1));
  const typo = `${iban.slice(0, -1)}${(lastDigit + 1) % 10}`;

  await signIn(page, ADMIN);
  await page.goto("/accounts/new");
  await expect(page.getByRole("heading", { name: "Add new bank" })).toBeVisible();

  await page.getByLabel("Account Number").fill(friendlyFormatIBAN(typo)!);
  await page.getByLabel("Bank").fill("Commerzbank");
  await page.getByLabel("SWIFT Code").fill("COBA DE FF");
  await page.getByRole("button", { name: "Add bank account" }).click();
  await expect(page.getByText("This looks like an IBAN, but its check digits do not match")).toBeVisible();
  await expect(page.getByLabel("Keep this number anyway")).toBeVisible();

  await page.getByLabel("Account Number").fill(friendlyFormatIBAN(iban)!);
  await page.getByLabel("SWIFT Code").fill("COBADE");
  await page.getByRole("button", { name: "Add bank account" }).click();
  await expect(page.getByText("Enter a valid SWIFT code")).toBeVisible();
  await expect(page.getByText("This looks like an IBAN, but its check digits do not match")).toHaveCount(0);
  await expect(page).toHaveURL(/\/accounts\/new$/);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("article", { name: iban })).toHaveCount(0);

  await page.goto("/accounts/new");
  await page.getByLabel("Account Number").fill(friendlyFormatIBAN(iban)!);
  await page.getByLabel("Bank").fill("Commerzbank");
  await page.getByLabel("SWIFT Code").fill("cobadeffxxx");
  await page.getByRole("button", { name: "Add bank account" }).click();

  await expect(page).toHaveURL(/\/\?added=/);
  // The dashboard says what was added, and still does after a refresh.
  await expect(page.getByRole("status").filter({ hasText: `${iban} added.` })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: `${iban} added.` })).toBeVisible();
  // It sits with the other manual accounts, apart from the banks' connections.
  const card = page.getByRole("region", { name: "Manual accounts" }).getByRole("article", { name: iban });
  await expect(card).toHaveCount(1);
  await expect(card.getByText("Not synchronized")).toBeVisible();
  await expect(card.getByText(`Commerzbank · •••• ${iban.slice(-4)}`)).toBeVisible();

  await card.getByRole("link", { name: iban }).click();
  await expect(page.getByRole("heading", { name: iban })).toBeVisible();
  await expect(page.getByText("No transactions yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect bank" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
});

test("another company's or a made-up account id is not found", async ({ page }) => {
  await signIn(page, ADMIN);
  const response = await page.goto("/accounts/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  const exported = await page.request.get("/accounts/00000000-0000-4000-8000-000000000000/export");
  expect(exported.status()).toBe(404);
});
