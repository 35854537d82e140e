/**
 * Manual (not synchronized) bank accounts for the specs: a fresh IBAN, "Add new bank", and
 * the OFX statement fixture made out to an account number.
 */
import fs from "node:fs";
import { expect, type Page } from "@playwright/test";
import { composeIBAN, friendlyFormatIBAN } from "ibantools";

let issued = 0;

/** A valid IBAN no other spec (or earlier run on the same database) has used. */
export function freshIban(): string {
  issued += 1;
  const account = String((Date.now() + issued) % 1e10).padStart(10, "0");
  return composeIBAN({ countryCode: "DE", bban: `37040044${account}` })!;
}

/** e2e/fixtures/import-statement.ofx, for `accountNumber`, as a file input takes it. */
export function statementFor(accountNumber: string) {
  const template = fs.readFileSync(new URL("../fixtures/import-statement.ofx", import.meta.url), "utf8");
  return { name: "february.ofx", mimeType: "application/x-ofx", buffer: Buffer.from(template.replace("{{ACCOUNT_NUMBER}}", accountNumber)) };
}

/** "Add new bank" with a fresh IBAN; returns the IBAN and the account page's path. */
export async function addManualAccount(page: Page) {
  const iban = freshIban();
  await page.goto("/accounts/new");
  await page.getByLabel("Account Number").fill(friendlyFormatIBAN(iban)!);
  await page.getByLabel("Bank").fill("Commerzbank");
  await page.getByLabel("SWIFT Code").fill("COBADEFFXXX");
  await page.getByRole("button", { name: "Add bank account" }).click();
  await expect(page).toHaveURL(/\/\?added=/);
  await page.getByRole("article", { name: iban }).getByRole("link", { name: iban }).click();
  await expect(page.getByText("No transactions yet")).toBeVisible();
  return { iban, accountPath: new URL(page.url()).pathname };
}
