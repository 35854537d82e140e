import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./fixtures";
import { addManualAccount, statementFor } from "./support/manual-account";

test("a line deleted by hand on a manual account (no bank connection) is listed by Find Missing under Deleted earlier, and Restore brings it back", async ({ page }) => {
  await signIn(page, ADMIN);

  // A manual account whose lines come from a statement file.
  const { iban, accountPath } = await addManualAccount(page);
  await page.goto(`${accountPath}/import`);
  await page.getByLabel("Statement file").setInputFiles(statementFor(iban));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("3 transactions imported.")).toBeVisible();

  // Delete "Team lunch" by hand, with a reason.
  await page.goto(accountPath);
  const lunch = page.getByRole("checkbox", { name: /^Select 14 Feb 2024 Team lunch / });
  await lunch.check();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete 1 transaction?" });
  await confirm.getByLabel("Reason").fill("Paid privately");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 transaction deleted. Restore it from Find Missing Transactions." })).toBeVisible();
  await expect(lunch).toHaveCount(0);

  // The gear menu reaches Find Missing Transactions on a manual account too.
  await page.getByRole("button", { name: "Account tools" }).click();
  await page.getByRole("menuitem", { name: "Find Missing Transactions" }).click();
  await expect(page.getByRole("heading", { name: "Find Missing Transactions" })).toBeVisible();
  await expect(page.getByText("This account is not synchronized with a bank")).toBeVisible();
  const deleted = page.getByRole("region", { name: "Deleted earlier" });
  // The default Starting Date (30 days ago) is after the statement's February: the empty list says what to do.
  await expect(deleted).toContainText("To restore an older one, choose an earlier Starting Date.");

  await page.getByLabel("Starting Date").fill("2024-02-01");
  await page.getByRole("button", { name: "Show deleted lines" }).click();
  const row = deleted.getByRole("row").filter({ hasText: "Team lunch" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Deleted by hand: Paid privately");
  await expect(deleted.getByRole("row")).toHaveCount(1);

  await deleted.getByRole("button", { name: "Restore 14 Feb 2024 Team lunch" }).click();
  await expect(deleted.getByRole("status")).toHaveText("1 transaction restored.");
  await expect(row).toHaveCount(0);

  await page.goto(accountPath);
  await expect(lunch).toBeVisible();
  for (const text of ["Salary February", "Rent February"]) await expect(page.getByText(text)).toBeVisible();
});
