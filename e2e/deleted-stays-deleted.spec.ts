import { expect, test } from "@playwright/test";
import { formatDate } from "../lib/dates";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";

test("a deleted duplicate stays gone when the bank sends it again, until it is restored", async ({ page }) => {
  const username = `stays-deleted-${Date.now()}`;
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username });
  // The bank's newest line, and a copy of it that a file import might have brought.
  const { accountId, line } = await withE2eDb(async (sql) => {
    const [account] = await sql<{ id: string }[]>`
      select a.id from bank_accounts a
      where a.connection_id is not null and a.currency = 'EUR' and a.name like '%Current Account' order by a.created_at desc limit 1`;
    const [newest] = await sql<{ online_transaction_id: string; booking_date: string; amount: string; description: string }[]>`
      select online_transaction_id, booking_date::text, amount::text, description from transactions
      where bank_account_id = ${account!.id} order by booking_date desc, id desc limit 1`;
    await sql`
      insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description, source)
      values (${account!.id}, ${`copy-${username}`}, ${newest!.booking_date}, ${newest!.amount}, 'EUR', 'Copy from a file', 'file')`;
    return { accountId: account!.id, line: newest! };
  });

  // Delete the bank's line (keep the copy) with Find Duplicate Transactions.
  await page.goto(`/accounts/${accountId}/duplicates`);
  const group = page.getByRole("region").filter({ hasText: "Copy from a file" });
  await group.getByRole("checkbox", { name: new RegExp(line.description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).check();
  await page.getByRole("button", { name: "Delete Selected" }).click();
  await page.getByRole("alertdialog", { name: "Confirm deletion" }).getByRole("button", { name: "Delete", exact: true }).click();
  // That was the only pair: the refreshed list is empty.
  await expect(page.getByRole("heading", { name: "No duplicate transactions" })).toBeVisible();

  // Fetch again: the sync asks the bank for that day again, the line does not come back.
  await page.goto("/");
  const card = page.locator("article", { has: page.locator(`a[href="/accounts/${accountId}"]`) });
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toBeVisible();
  const afterFetch = await withE2eDb((sql) => sql`select 1 from transactions where bank_account_id = ${accountId} and online_transaction_id = ${line.online_transaction_id}`);
  expect(afterFetch).toHaveLength(0);

  // Find Missing lists it under "Deleted earlier"; Restore brings it back.
  await page.goto(`/accounts/${accountId}/missing`);
  await page.getByLabel("Starting Date").fill(line.booking_date);
  await page.getByRole("button", { name: "Search" }).click();
  const deleted = page.getByRole("region", { name: "Deleted earlier" });
  const restore = deleted.getByRole("button", { name: `Restore ${formatDate(line.booking_date, "en")} ${line.description}` });
  // The bank reports it again, yet it is listed once: under Deleted earlier, not among the lines to import.
  await expect(restore).toHaveCount(1);
  await expect(page.getByRole("checkbox", { name: new RegExp(`^Select ${formatDate(line.booking_date, "en")} ${line.description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `) })).toHaveCount(0);
  await restore.click();
  await expect(deleted.getByRole("status")).toHaveText("1 transaction restored.");
  await expect(restore).toHaveCount(0);
  await expect.poll(async () => (await withE2eDb((sql) => sql`select 1 from transactions where bank_account_id = ${accountId} and online_transaction_id = ${line.online_transaction_id}`)).length).toBe(1);
});
