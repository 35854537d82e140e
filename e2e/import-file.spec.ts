import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { composeIBAN, friendlyFormatIBAN } from "ibantools";
import { ADMIN, signIn } from "./fixtures";

/** A valid IBAN no earlier run on the same database has used. */
function freshIban(): string {
  const account = String(Date.now() % 1e10).padStart(10, "0");
  return composeIBAN({ countryCode: "DE", bban: `37040044${account}` })!;
}

function statementFor(accountNumber: string) {
  const template = fs.readFileSync(new URL("./fixtures/import-statement.ofx", import.meta.url), "utf8");
  return { name: "february.ofx", mimeType: "application/x-ofx", buffer: Buffer.from(template.replace("{{ACCOUNT_NUMBER}}", accountNumber)) };
}

test("Import file: an OFX statement is previewed, imported into a manual account, and a second import adds nothing", async ({ page }) => {
  const iban = freshIban();
  await signIn(page, ADMIN);
  await page.goto("/accounts/new");
  await page.getByLabel("Account Number").fill(friendlyFormatIBAN(iban)!);
  await page.getByLabel("Bank").fill("Commerzbank");
  await page.getByLabel("SWIFT Code").fill("COBADEFFXXX");
  await page.getByRole("button", { name: "Add bank account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole("article", { name: iban }).getByRole("link", { name: iban }).click();
  await expect(page.getByText("No transactions yet")).toBeVisible();
  const accountPath = new URL(page.url()).pathname;

  // A file for another account is refused and imports nothing.
  await page.goto(`${accountPath}/import`);
  await expect(page.getByRole("heading", { name: "Import file" })).toBeVisible();
  await page.getByLabel("Statement file").setInputFiles(statementFor("DE02120300000000202051"));
  await expect(page.getByText("Nothing was imported. This file is for account DE02120300000000202051, not for this bank account")).toBeVisible();

  await page.getByLabel("Statement file").setInputFiles(statementFor(iban));
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  await expect(page.getByTestId("preview-new")).toHaveText("3");
  await expect(page.getByTestId("preview-already-present")).toHaveText("0");
  await expect(page.getByTestId("preview-possible-duplicates")).toHaveText("0");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("3 transactions imported.")).toBeVisible();

  await page.getByRole("link", { name: "See the transactions" }).click();
  await expect(page).toHaveURL(new RegExp(`${accountPath}$`));
  for (const text of ["Salary February", "Rent February", "Team lunch"]) await expect(page.getByText(text)).toBeVisible();
  await expect(page.getByText("No transactions yet")).toHaveCount(0);

  await page.goto(`${accountPath}/import`);
  await page.getByLabel("Statement file").setInputFiles(statementFor(iban));
  await expect(page.getByTestId("preview-new")).toHaveText("0");
  await expect(page.getByTestId("preview-already-present")).toHaveText("3");
  await expect(page.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
  await expect(page.getByText("There is nothing new to import from this file.")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Import cancelled; nothing was imported.")).toBeVisible();
});
