import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { withE2eDb } from "./support/database";
import { freshCompany } from "./support/fresh-company";
import { addManualAccount } from "./support/manual-account";

test("Delete Selected says how many lines went, even when it empties Find Duplicate Transactions", async ({ page }) => {
  const company = await freshCompany("delete-selected");
  await signIn(page, company);
  const { accountPath } = await addManualAccount(page);
  const accountId = accountPath.split("/").pop()!;
  // The same line twice, as two imports of overlapping files would leave it.
  await withE2eDb((sql) => sql`
    insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description, source)
    values (${accountId}, 'e2e-twin-a', current_date - 2, '-42.50', 'EUR', 'Stationery twin A', 'manual'),
           (${accountId}, 'e2e-twin-b', current_date - 2, '-42.50', 'EUR', 'Stationery twin B', 'manual')`);

  await page.goto(`${accountPath}/duplicates`);
  await page.getByRole("checkbox", { name: /Stationery twin A/ }).check();
  await page.getByRole("button", { name: "Delete Selected" }).click();
  await page.getByRole("alertdialog", { name: "Confirm deletion" }).getByRole("button", { name: "Delete", exact: true }).click();

  // The last group is gone and the page refreshed to its empty state; the answer is still there.
  await expect(page.getByRole("heading", { name: "No duplicate transactions" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "1 transaction deleted." })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Stationery twin/ })).toHaveCount(0);
});
