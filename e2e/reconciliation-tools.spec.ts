import { expect, test } from "@playwright/test";
import { formatDate } from "../lib/dates";
import { deriveAccounts } from "../lib/sandbox/accounts";
import { transactionsOfDay } from "../lib/sandbox/generator";
import { SANDBOX_INSTITUTIONS } from "../lib/sandbox/institutions";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";

const today = () => new Date().toISOString().slice(0, 10);

/** The EUR current account the last connection of the admin's company brought. */
async function newestCurrentAccount(): Promise<string> {
  return withE2eDb(async (sql) => {
    const [row] = await sql<{ id: string }[]>`
      select a.id from bank_accounts a join memberships m on m.company_id = a.company_id join users u on u.id = m.user_id
      where u.email = ${ADMIN.email} and a.name like '%Current Account' and a.currency = 'EUR' and a.connection_id is not null
      order by a.created_at desc limit 1`;
    if (!row) throw new Error("No connected Current Account");
    return row.id;
  });
}

test("reconcile a line, then find its duplicates: the reconciled one cannot be ticked, another is deleted", async ({ page }) => {
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: `books-duplicates-${Date.now()}` });
  const accountId = await newestCurrentAccount();
  // Two copies of a recent line, as a file import or a second connection might have brought them.
  const original = await withE2eDb(async (sql) => {
    const [line] = await sql<{ id: string; booking_date: string; amount: string; currency: string; description: string }[]>`
      select id, booking_date::text, amount::text, currency, description from transactions
      where bank_account_id = ${accountId} and booking_date >= current_date - 20 order by booking_date desc, id limit 1`;
    await sql`
      insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description, source)
      values (${accountId}, 'e2e-copy-a', ${line!.booking_date}, ${line!.amount}, ${line!.currency}, 'Duplicate copy A', 'manual'),
             (${accountId}, 'e2e-copy-b', ${line!.booking_date}, ${line!.amount}, ${line!.currency}, 'Duplicate copy B', 'manual')`;
    return line!;
  });

  // Reconcile copy B on the transactions page.
  await page.goto(`/accounts/${accountId}?q=Duplicate+copy+B`);
  await page.getByRole("checkbox", { name: /Select .* Duplicate copy B/ }).check();
  await page.getByRole("button", { name: "Reconcile", exact: true }).click();
  await page.getByLabel("Counterpart label").fill("Office supplies");
  await page.getByLabel("Note").fill("Checked against the receipt");
  await page.getByRole("button", { name: "Reconcile 1 transaction" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 transaction reconciled." })).toBeVisible();
  await expect(page.getByRole("row", { name: /Duplicate copy B/ })).toContainText("Reconciled: Office supplies");

  // The gear menu leads to Find Duplicate Transactions.
  await page.getByRole("button", { name: "Account tools" }).click();
  await expect(page.getByRole("menuitem", { name: "Import file" })).toHaveAttribute("href", `/accounts/${accountId}/import`);
  await page.getByRole("menuitem", { name: "Find Duplicate Transactions" }).click();
  await expect(page.getByRole("heading", { name: "Find Duplicate Transactions" })).toBeVisible();
  await expect(page.getByLabel("Starting Date")).toHaveValue(formatDate(new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10), "en"));

  // Copy B stays in the group whatever is deleted (it is reconciled).
  const group = page.getByRole("region").filter({ hasText: "Duplicate copy B" });
  await expect(group.getByRole("heading")).toContainText(`${formatDate(original.booking_date, "en")} · `);
  await expect(group.getByRole("row")).toHaveCount(3);
  await expect(group.getByRole("checkbox", { name: /Duplicate copy B/ })).toBeDisabled();
  await expect(group.getByRole("row", { name: /Duplicate copy B/ })).toContainText("Reconciled: cannot be deleted");

  await group.getByRole("checkbox", { name: /Duplicate copy A/ }).check();
  await page.getByRole("button", { name: "Delete Selected" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Confirm deletion" });
  await expect(confirm).toContainText("Delete 1 transaction?");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 transaction deleted." })).toBeVisible();
  // The list refreshes: copy A is gone, the original and the reconciled copy stay.
  await expect(group.getByRole("row")).toHaveCount(2);
  await expect(group).not.toContainText("Duplicate copy A");

  const logged = await withE2eDb((sql) => sql`select reason from transaction_deletions where bank_account_id = ${accountId} and online_transaction_id = 'e2e-copy-a'`);
  expect(logged).toHaveLength(1);
});

test("find a missing transaction and import it; the pending ones cannot be imported", async ({ page }) => {
  // A bank login whose account has transactions today, which Demo Bank Pending shows as pending.
  const institution = SANDBOX_INSTITUTIONS.find((i) => i.name === "Demo Bank Pending")!;
  const stamp = Date.now();
  const username = Array.from({ length: 200 }, (_, i) => `books-missing-${stamp}-${i}`)
    .find((name) => transactionsOfDay(deriveAccounts(institution, name, null)[0]!, institution, today(), today()).length > 0)!;

  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank Pending", country: "NL", username });
  const accountId = await newestCurrentAccount();
  const lost = await withE2eDb(async (sql) => {
    const [line] = await sql<{ online_transaction_id: string; description: string }[]>`
      delete from transactions where id = (
        select id from transactions where bank_account_id = ${accountId} and booking_date >= current_date - 20 order by booking_date desc, id limit 1)
      returning online_transaction_id, description`;
    return line!;
  });

  await page.goto(`/accounts/${accountId}`);
  await page.getByRole("button", { name: "Account tools" }).click();
  await page.getByRole("menuitem", { name: "Find Missing Transactions" }).click();
  await expect(page.getByRole("heading", { name: "Find Missing Transactions" })).toBeVisible();
  await page.getByRole("button", { name: "Search" }).click();

  const pendingRows = page.getByRole("row").filter({ hasText: "Pending transactions cannot be imported" });
  await expect(pendingRows.first()).toBeVisible();
  for (const box of await page.getByRole("checkbox", { name: /^Pending / }).all()) await expect(box).toBeDisabled();

  const missingRows = page.getByRole("row").filter({ hasText: "Posted" });
  await expect(missingRows).toHaveCount(1);
  await expect(missingRows).toContainText(lost.description);
  await missingRows.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Import Transactions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 transaction imported." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Posted" })).toHaveCount(0);
  await expect(pendingRows.first()).toBeVisible();

  const back = await withE2eDb((sql) => sql`select id from transactions where bank_account_id = ${accountId} and online_transaction_id = ${lost.online_transaction_id}`);
  expect(back).toHaveLength(1);
});
