import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./fixtures";

test("the MFA bank asks for the security code; a wrong code says so and 123456 completes the sync", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Connect bank" }).first().click();
  await page.getByLabel("Search for an institution").fill("Demo Bank MFA");
  await page.getByRole("button", { name: /^Demo Bank MFA \(FR\)/ }).click();
  await page.getByRole("checkbox", { name: /I agree/ }).check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByLabel("Username").fill("mfa-user");
  await page.getByLabel("Password").fill("secret");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Allow access" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();

  const card = page.getByRole("article").filter({ hasText: "Demo Bank MFA" }).first();
  await expect(card.getByText("Security code required", { exact: true })).toBeVisible();
  await card.getByLabel("Security code").fill("000000");
  await card.getByRole("button", { name: "Submit" }).click();
  await expect(card.getByRole("alert")).toHaveText("The security code was not accepted. Enter the new code the bank sent.");

  await card.getByLabel("Security code").fill("123456");
  await card.getByRole("button", { name: "Submit" }).click();
  await expect(card.getByRole("status")).toHaveText(/^\d+ new transactions/);

  // Every refresh asks again.
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByText("Security code required", { exact: true })).toBeVisible();
  await card.getByLabel("Security code").fill("123456");
  await card.getByRole("button", { name: "Submit" }).click();
  await expect(card.getByRole("status")).toHaveText("No new transactions");
});
