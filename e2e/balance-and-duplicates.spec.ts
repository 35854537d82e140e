import { expect, test } from "@playwright/test";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";

/** The EUR current account of the connection just made for this bank login. */
async function connectedCurrentAccount(): Promise<string> {
  return withE2eDb(async (sql) => {
    const [row] = await sql<{ id: string }[]>`
      select a.id from bank_accounts a join memberships m on m.company_id = a.company_id join users u on u.id = m.user_id
      where u.email = ${ADMIN.email} and a.name like '%Current Account' and a.currency = 'EUR' and a.connection_id is not null
      order by a.created_at desc limit 1`;
    if (!row) throw new Error("No connected Current Account");
    return row.id;
  });
}

test("a group shows its reason; marked Not a duplicate it is not listed again", async ({ page }) => {
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: `not-duplicate-${Date.now()}` });
  const accountId = await connectedCurrentAccount();
  // Two real payments that happen to match a bank line's date and amount.
  await withE2eDb(async (sql) => {
    const [line] = await sql<{ booking_date: string; amount: string }[]>`
      select booking_date::text, amount::text from transactions
      where bank_account_id = ${accountId} and booking_date >= current_date - 20 order by booking_date desc, id limit 1`;
    await sql`
      insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description, source)
      values (${accountId}, null, ${line!.booking_date}, ${line!.amount}, 'EUR', 'Second parking ticket', 'manual'),
             (${accountId}, null, ${line!.booking_date}, ${line!.amount}, 'EUR', 'Third parking ticket', 'manual')`;
  });

  await page.goto(`/accounts/${accountId}/duplicates`);
  const group = page.getByRole("region").filter({ hasText: "Second parking ticket" });
  await expect(group).toContainText("Same amount, currency and date");
  await expect(group.getByRole("row")).toHaveCount(3);
  await group.getByRole("button", { name: "Not a duplicate" }).click();
  await expect(page.getByRole("region").filter({ hasText: "Second parking ticket" })).toHaveCount(0);

  // A new search (and a fetch from the bank in between) does not bring it back.
  await page.goto("/");
  const card = page.locator("article", { has: page.locator(`a[href="/accounts/${accountId}"]`) });
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toBeVisible();
  await page.goto(`/accounts/${accountId}/duplicates`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "Find Duplicate Transactions" })).toBeVisible();
  await expect(page.getByText("Second parking ticket")).toHaveCount(0);
  const flagged = await withE2eDb((sql) => sql`
    select 1 from transactions where bank_account_id = ${accountId} and description like '%parking ticket' and possible_duplicate`);
  expect(flagged).toHaveLength(0);
});

test("the account page charts the bank's and the computed balance; a gap shows on the dashboard card with a link", async ({ page }) => {
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: `balance-${Date.now()}` });
  const accountId = await connectedCurrentAccount();

  await page.goto(`/accounts/${accountId}`);
  const section = page.getByRole("region", { name: "Balance check" });
  // One check is shown as a sentence, not as a chart with a single point.
  await expect(section.getByTestId("balance-single-check")).toContainText(/One check so far, .* They match now/);
  await expect(section).toContainText("Opening balance");

  // A line goes missing from our books (older than the week before the newest line that the
  // next fetch re-reads, so it does not bring it back).
  const lost = await withE2eDb(async (sql) => {
    const [line] = await sql<{ booking_date: string; amount: string }[]>`
      delete from transactions where id = (
        select id from transactions where bank_account_id = ${accountId}
          and booking_date < (select max(booking_date) from transactions where bank_account_id = ${accountId}) - 7
        order by booking_date desc, id limit 1)
      returning booking_date::text, amount::text`;
    return line!;
  });
  await page.goto("/");
  const card = page.locator("article", { has: page.locator(`a[href="/accounts/${accountId}"]`) });
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card).toContainText("Balance differs from the bank by");
  // The gap is the lost line's amount (bank minus ours).
  const euros = new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(lost.amount.replace(/^-/, "") as unknown as number);
  await expect(card).toContainText(`Balance differs from the bank by ${euros}`);

  await card.getByRole("link", { name: /Review transactions since/ }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${accountId}\\?from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}`));
  const chart = page.getByRole("region", { name: "Balance check" }).getByRole("img", { name: /2 checks .* They differ now/ });
  await expect(chart).toBeVisible();
  await expect(page.getByTestId("balance-chart").locator("polyline")).toHaveCount(2);

  // The administrator knows the line predates the books: the opening balance is corrected by it.
  const corrected = await withE2eDb(async (sql) => {
    const [row] = await sql<{ amount: string }[]>`select (opening_balance + ${lost.amount}::numeric)::text as amount from bank_accounts where id = ${accountId}`;
    return row!.amount;
  });
  await page.getByText("Correct the opening balance").click();
  await page.getByLabel("Opening balance").fill(corrected);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Opening balance saved. The balance matches the bank." })).toBeVisible();
  await page.goto("/");
  await expect(card).toBeVisible();
  await expect(card).not.toContainText("Balance differs from the bank");
});
