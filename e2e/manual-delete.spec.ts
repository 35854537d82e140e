import { expect, test } from "@playwright/test";
import { formatDate } from "../lib/dates";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
type Line = { id: string; online_transaction_id: string; booking_date: string; description: string };

test("a line deleted by hand, with a reason, stays gone through Fetch Transactions until Find Missing restores it", async ({ page }) => {
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: `manual-delete-${Date.now()}` });
  const { accountId, line, reconciled, others } = await withE2eDb(async (sql) => {
    const [account] = await sql<{ id: string }[]>`
      select a.id from bank_accounts a join memberships m on m.company_id = a.company_id join users u on u.id = m.user_id
      where u.email = ${ADMIN.email} and a.name like '%Current Account' and a.currency = 'EUR' and a.connection_id is not null
      order by a.created_at desc limit 1`;
    // The newest day's first line is the one deleted by hand. Its day's other lines are removed
    // behind the app's back: a sync starts the day after the newest line, so with them gone the
    // next Fetch asks the bank for that day again (and brings back those, which nobody remembers deleting).
    const newest = await sql<Line[]>`
      select id::text, online_transaction_id, booking_date::text, description from transactions
      where bank_account_id = ${account!.id}
        and booking_date = (select max(booking_date) from transactions where bank_account_id = ${account!.id})
      order by id`;
    const [first, ...rest] = newest;
    if (rest.length > 0) await sql`delete from transactions where id in ${sql(rest.map((r) => r.id))}`;
    // An older line, alone on its day with its description, is reconciled: it cannot be deleted.
    const [old] = await sql<Line[]>`
      select id::text, online_transaction_id, booking_date::text, description from transactions t
      where bank_account_id = ${account!.id} and booking_date < ${first!.booking_date}
        and not exists (select 1 from transactions o where o.bank_account_id = t.bank_account_id and o.booking_date = t.booking_date and o.description = t.description and o.id <> t.id)
      order by booking_date desc limit 1`;
    await sql`update transactions set reconciled_at = now(), counterpart_label = 'Office supplies' where id = ${old!.id}`;
    return { accountId: account!.id, line: first!, reconciled: old!, others: rest.map((r) => r.online_transaction_id) };
  });
  const checkbox = (l: Line) => page.getByRole("checkbox", { name: new RegExp(`^Select ${formatDate(l.booking_date, "en")} ${escape(l.description)} `) });

  // A reconciled line in the selection: the confirmation explains it and cannot be submitted.
  await page.goto(`/accounts/${accountId}`);
  await checkbox(line).check();
  await checkbox(reconciled).check();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete 2 transactions?" });
  await expect(confirm).toContainText("1 transaction of the selection is reconciled and cannot be deleted.");
  await expect(confirm.getByRole("button", { name: "Delete", exact: true })).toBeDisabled();

  // Without it: one line, a reason, Delete.
  await checkbox(reconciled).uncheck();
  const confirmOne = page.getByRole("alertdialog", { name: "Delete 1 transaction?" });
  await expect(confirmOne).toContainText("No sync, Find Missing Transactions or file import brings it back; you can restore it from Find Missing Transactions.");
  await confirmOne.getByLabel("Reason").fill("Charged twice, refunded by the shop");
  await confirmOne.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 transaction deleted. Restore it from Find Missing Transactions." })).toBeVisible();
  await expect(checkbox(line)).toHaveCount(0);
  await expect(checkbox(reconciled)).toBeVisible();

  // Fetch Transactions asks the bank for that day again: the lines removed behind the app's back come back, the deleted one does not.
  await page.goto("/");
  const card = page.locator("article", { has: page.locator(`a[href="/accounts/${accountId}"]`) });
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toBeVisible();
  const present = async (onlineId: string) =>
    (await withE2eDb((sql) => sql`select 1 from transactions where bank_account_id = ${accountId} and online_transaction_id = ${onlineId}`)).length;
  for (const onlineId of others) await expect.poll(() => present(onlineId)).toBe(1);
  expect(await present(line.online_transaction_id)).toBe(0);
  await page.goto(`/accounts/${accountId}`);
  await expect(checkbox(reconciled)).toBeVisible();
  await expect(checkbox(line)).toHaveCount(0);

  // Find Missing lists it under "Deleted earlier", with the reason; Restore brings it back.
  await page.goto(`/accounts/${accountId}/missing`);
  await page.getByLabel("Starting Date").fill(line.booking_date);
  await page.getByRole("button", { name: "Search" }).click();
  const deleted = page.getByRole("region", { name: "Deleted earlier" });
  await expect(deleted.getByRole("row").filter({ hasText: line.description })).toContainText("Deleted by hand: Charged twice, refunded by the shop");
  await deleted.getByRole("button", { name: `Restore ${formatDate(line.booking_date, "en")} ${line.description}` }).click();
  await expect(deleted.getByRole("status")).toHaveText("1 transaction restored.");
  await expect(deleted.getByRole("button", { name: `Restore ${formatDate(line.booking_date, "en")} ${line.description}` })).toHaveCount(0);
  await page.goto(`/accounts/${accountId}`);
  await expect(checkbox(line)).toBeVisible();
});
