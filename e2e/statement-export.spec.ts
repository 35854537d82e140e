import { expect, test } from "@playwright/test";
import { friendlyFormatIBAN } from "ibantools";
import { ADMIN, signIn } from "./fixtures";
import { freshIban } from "./support/manual-account";

test("an account without a known balance offers OFX but not CAMT.053, and says why", async ({ page }) => {
  const iban = freshIban();
  await signIn(page, ADMIN);
  await page.goto("/accounts/new");
  await page.getByLabel("Account Number").fill(friendlyFormatIBAN(iban)!);
  await page.getByLabel("Bank").fill("Commerzbank");
  await page.getByRole("button", { name: "Add bank account" }).click();
  // Back on the dashboard, which names the account just added.
  await expect(page).toHaveURL(/\/\?added=[0-9a-f-]+$/);
  await page.getByRole("article", { name: iban }).getByRole("link", { name: iban }).click();
  await expect(page.getByRole("heading", { name: iban })).toBeVisible();

  // No opening balance was entered and no bank reports one: no CAMT.053 link, and the reason.
  await expect(page.getByRole("link", { name: "Export CAMT.053" })).toHaveCount(0);
  await expect(page.getByText("Export CAMT.053")).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByText(/has no known balance yet/)).toBeVisible();
  const ofxLink = page.getByRole("link", { name: "Export OFX" });
  await expect(ofxLink).toBeVisible();

  const ofx = await page.request.get((await ofxLink.getAttribute("href"))!);
  expect(ofx.status()).toBe(200);
  expect(await ofx.text()).toContain("<OFX>");
  const camt = await page.request.get(`${new URL(page.url()).pathname}/export/statement?format=camt053`);
  expect(camt.status()).toBe(409);
  expect(await camt.text()).toMatch(/Enter its opening balance in Edit account/);
});
