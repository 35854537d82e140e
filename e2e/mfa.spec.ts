import { expect, test } from "@playwright/test";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";

test("the MFA bank asks for the security code; a wrong code says so and 123456 completes the sync", async ({ page }) => {
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank MFA", country: "FR", username: "mfa-user" }, { awaitConnected: false });

  const card = page.getByRole("article").filter({ hasText: "Demo Bank MFA" }).first();
  await expect(card.getByRole("heading", { name: "Enter the bank's security code" })).toBeVisible();
  // Said once, on the card's state line, not again above the form.
  await expect(card.getByText(/Security code required/)).toHaveCount(1);
  await card.getByLabel("Security code").fill("000000");
  await card.getByRole("button", { name: "Submit" }).click();
  await expect(card.getByRole("alert")).toHaveText("The security code was not accepted. Enter the new code the bank sent.");

  await card.getByLabel("Security code").fill("123456");
  await card.getByRole("button", { name: "Submit" }).click();
  await expect(card.getByRole("status")).toHaveText(/^\d+ new transactions/);

  // Every refresh asks again.
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("heading", { name: "Enter the bank's security code" })).toBeVisible();
  await card.getByLabel("Security code").fill("123456");
  await card.getByRole("button", { name: "Submit" }).click();
  await expect(card.getByRole("status")).toHaveText("No new transactions");
});
